package dev.gatehouse.http;

import io.javalin.http.Context;

/** This server's own address, for the links of the discovery document. */
final class BaseUrls {
    private BaseUrls() {
    }

    /**
     * This server's base URL as the listening socket sees it. Deliberately not from the Host
     * header, which a client chooses: discovery must not point anywhere a caller asks.
     */
    static String of(Context ctx) {
        return ctx.scheme() + "://" + hostLiteral(ctx.req().getLocalAddr()) + ":" + ctx.req().getLocalPort();
    }

    private static String hostLiteral(String address) {
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }
}
