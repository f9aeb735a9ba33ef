package dev.gatehouse.http;

import io.javalin.http.Context;

/** The configured public URL as it holds for one request. */
final class PublicUrls {
    private PublicUrls() {
    }

    /**
     * {@code configured}, or, for the default of a server told to listen on any free port, the
     * port it got: read from the listening socket, never from the {@code Host} header.
     */
    static PublicUrl of(PublicUrl configured, Context ctx) {
        return configured.onPort(ctx.req().getLocalPort());
    }
}
