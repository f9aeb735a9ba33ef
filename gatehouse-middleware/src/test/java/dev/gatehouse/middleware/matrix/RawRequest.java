package dev.gatehouse.middleware.matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Requests no well-behaved client sends (a raw request target such as {@code /admin/../x}, an
 * absolute-form target, a WebSocket upgrade), over a bare socket to 127.0.0.1.
 */
public final class RawRequest {
    /** The status, the raw head, and the body up to where the server closed (empty for HEAD and upgrades). */
    public record Reply(int status, String head, String body) {
        /** A header's first value, the name compared case-insensitively. */
        public Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).findFirst();
        }
    }

    private RawRequest() {
    }

    /** Sends {@code method target HTTP/1.1} with the header lines (each "Name: value") and a body, then {@code Connection: close}. */
    public static Reply send(int port, String method, String target, List<String> headerLines, String body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            List<String> lines = new ArrayList<>();
            lines.add(method + " " + target + " HTTP/1.1");
            lines.add("Host: 127.0.0.1:" + port);
            lines.addAll(headerLines);
            boolean upgrade = headerLines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("upgrade:"));
            if (!upgrade) {
                lines.add("Connection: close");
            }
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            if (content.length > 0) {
                lines.add("Content-Length: " + content.length);
            }
            OutputStream out = socket.getOutputStream();
            out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String response = upgrade ? readHead(socket.getInputStream()) : new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IllegalStateException("no HTTP answer to " + method + " " + target + ": " + response);
            }
            return new Reply(Integer.parseInt(statusLine[1]), head, end < 0 ? "" : response.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** An upgraded connection stays open: read up to the end of the head, or what came before a quiet second. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) >= 0) {
                seen.write(b);
                if (seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException quiet) {
            // whatever arrived is the answer
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
