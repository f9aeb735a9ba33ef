package dev.gatehouse.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests no well-behaved client sends (a raw request target such as {@code /admin/../x} or an
 * absolute-form target, repeated headers), over a bare socket from a chosen loopback address.
 */
final class RawHttp {
    /** The status line's code and the raw head; the body is not needed. */
    record Reply(int status, String head) {
    }

    private RawHttp() {
    }

    /** Sends {@code method target HTTP/1.1} with {@code headerLines} (each "Name: value") and {@code Connection: close}. */
    static Reply send(InetAddress from, int port, String method, String target, List<String> headerLines) {
        return send(from, port, "127.0.0.1:" + port, method, target, headerLines);
    }

    /** As {@link #send(InetAddress, int, String, String, List)}, with the Host header the client names. */
    static Reply send(InetAddress from, int port, String host, String method, String target, List<String> headerLines) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            List<String> lines = new ArrayList<>();
            lines.add(method + " " + target + " HTTP/1.1");
            lines.add("Host: " + host);
            lines.addAll(headerLines);
            lines.add("Connection: close");
            OutputStream out = socket.getOutputStream();
            out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IllegalStateException("no HTTP answer to " + method + " " + target + ": " + response);
            }
            return new Reply(Integer.parseInt(statusLine[1]), head);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }
}
