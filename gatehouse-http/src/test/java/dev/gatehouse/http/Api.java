package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A small HTTP client for tests: real requests over loopback, answers as {@link Reply}. */
final class Api {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;

    Api(String base) {
        this.base = base;
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

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

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

        Reply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
