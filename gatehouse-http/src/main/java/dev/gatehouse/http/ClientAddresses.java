package dev.gatehouse.http;

import dev.gatehouse.core.access.TrustedProxies;
import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * The address of the client behind a request. Behind a reverse proxy every connection comes from
 * the proxy, so rate limits and session records would lump all users together; when the peer is
 * a trusted proxy ({@code GATEHOUSE_TRUSTED_PROXIES}), {@code X-Forwarded-For} is read from the
 * right, skipping trusted proxies, and the first address that is not one is the client. A client
 * cannot choose its address by sending the header itself: entries left of the first untrusted
 * one are never read, and from an untrusted peer the header is ignored.
 */
final class ClientAddresses {
    // IPv4 or IPv6 literals only: anything else in the header is not an address we can limit by.
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final TrustedProxies proxies;

    ClientAddresses(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || !proxies.trusts(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!ADDRESS.matcher(hop).matches()) {
                return client;
            }
            client = hop;
            if (!proxies.trusts(hop)) {
                return hop;
            }
        }
        return client;
    }
}
