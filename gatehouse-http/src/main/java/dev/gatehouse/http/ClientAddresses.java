package dev.gatehouse.http;

import dev.gatehouse.core.access.TrustedProxies;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client behind a request, which the sign-in throttle counts by. Behind a
 * reverse proxy every connection comes from the proxy, so without this all users would share one
 * count and one guesser would lock everyone out.
 *
 * <p>When the peer is a trusted proxy ({@code GATEHOUSE_TRUSTED_PROXIES}), every
 * {@code X-Forwarded-For} line is read, in order, as one list, and the list is walked from the
 * right: the rightmost address that is not a trusted proxy is the client. Entries left of it were
 * written by the client (or by proxies we know nothing of) and are never read, so a client cannot
 * choose its address by sending the header itself. From an untrusted peer the header is ignored.
 * Addresses are counted in one canonical spelling ({@link TrustedProxies#canonicalAddress}).
 *
 * <p>A garbled entry (not one literal IPv4 or IPv6 address: a host name, a port, {@code unknown},
 * an empty item) stops the walk, and the last address that a trusted party vouched for counts
 * instead: the nearest trusted proxy, or the peer itself. A client that could make its proxy pass
 * garbage on would then share that proxy's count; it never gets an address of its choosing. The
 * documented proxy configurations set the header to the client's socket address
 * ({@code proxy_set_header X-Forwarded-For $remote_addr}), never passing the client's own on.
 */
final class ClientAddresses {
    private static final String HEADER = "X-Forwarded-For";

    private final TrustedProxies proxies;

    ClientAddresses(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!proxies.trusts(peer)) {
            return peer;
        }
        List<String> hops = hops(ctx);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<String> hop = TrustedProxies.canonicalAddress(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get();
            if (!proxies.trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** Every X-Forwarded-For line in the order received, split at commas: proxies may append a line or an item. */
    private static List<String> hops(Context ctx) {
        List<String> hops = new ArrayList<>();
        for (String line : Collections.list(ctx.req().getHeaders(HEADER))) {
            for (String item : line.split(",", -1)) {
                hops.add(item.strip());
            }
        }
        return hops;
    }
}
