package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A small HTTP client for tests: real requests over loopback, answers as {@link Reply}. Each Api
 * has its own connections; {@link #close()} drops them, so that a stopping server need not wait
 * for idle keep-alive connections to time out (Jetty gives them a second).
 */
final class Api implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Api(String base) {
        this.base = base;
    }

    @Override
    public void close() {
        client.close();
    }

    /** A request builder for {@code method path}; headers are given as name, value pairs. */
    Call call(String method, String path) {
        return new Call(method, path);
    }

    Reply get(String path, String... headers) {
        return call("GET", path).headers(headers).send();
    }

    Reply postJson(String path, Object body, String... headers) {
        return call("POST", path).headers(headers).json(body).send();
    }

    Reply postForm(String path, Map<String, String> fields, String... headers) {
        return call("POST", path).headers(headers).form(fields).send();
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and {@code body} over a
     * bare socket, for requests no well-behaved client would send: a malformed URI or Content-Length.
     */
    Reply sendRaw(String head, byte[] body) {
        return sendRaw(head, URI.create(base).getHost(), body);
    }

    /** {@link #sendRaw(String, byte[])} with the {@code Host} header a client chose, as a proxy or an attacker may send it. */
    Reply sendRaw(String head, String host, byte[] body) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no HTTP response head in: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        String body = new String(response, end + 4, response.length - end - 4, StandardCharsets.UTF_8);
        return new Reply(status, headers, body);
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private boolean chunked;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call headers(String... pairs) {
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                headers.put(pairs[i], pairs[i + 1]);
            }
            return this;
        }

        Call json(Object value) {
            try {
                return raw("application/json", value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Call form(Map<String, String> fields) {
            String encoded = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return raw("application/x-www-form-urlencoded", encoded.getBytes(StandardCharsets.UTF_8));
        }

        Call raw(String contentType, byte[] bytes) {
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        /** Sends the body with chunked transfer coding: no Content-Length, so the server learns its size only by reading. */
        Call chunked() {
            chunked = true;
            return this;
        }

        Reply send() {
            byte[] bytes = body;
            HttpRequest.BodyPublisher publisher = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                    : bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher);
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Reply(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** An answer: status, headers (lower-case names) and body. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The {@code error} code of a problem+json answer. */
        String error() {
            return json().path("error").asText();
        }

        /** The value the answer sets for a cookie, from {@code Set-Cookie}. */
        Optional<String> cookie(String name) {
            return setCookie(name).map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
        }

        Optional<String> setCookie(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .flatMap(e -> e.getValue().stream()).filter(c -> c.startsWith(name + "=")).findFirst();
        }
    }
}
