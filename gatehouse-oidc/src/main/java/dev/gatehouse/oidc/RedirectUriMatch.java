package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Whether a redirect URI of a request is one the client registered: character for character, with
 * one exception. A native app (a public client) listening on the loopback interface gets whatever
 * port is free when it runs, so for a registered {@code http://127.0.0.1} or {@code http://[::1]}
 * URI any port matches, the rest still exactly (RFC 8252 section 7.3). Not for {@code localhost},
 * which a hosts file or DNS may send elsewhere (section 8.3), and never for a confidential client.
 */
final class RedirectUriMatch {
    private RedirectUriMatch() {
    }

    static boolean matches(Client client, String requested) {
        Objects.requireNonNull(requested, "requested");
        for (String registered : client.redirectUris()) {
            if (registered.equals(requested) || client.type() == ClientType.PUBLIC && sameLoopbackButPort(registered, requested)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameLoopbackButPort(String registered, String requested) {
        try {
            URI r = new URI(registered);
            URI q = new URI(requested);
            if (!"http".equals(r.getScheme()) || !isLoopbackIp(r.getHost()) || !"http".equals(q.getScheme())
                    || q.getRawUserInfo() != null || q.getRawFragment() != null) {
                return false;
            }
            // Rebuilt without ports, each part as written: a port is the only thing that may differ.
            return r.getHost().equals(q.getHost()) && q.getPort() > 0 && q.getPort() <= 65535
                    && Objects.equals(r.getRawPath(), q.getRawPath()) && Objects.equals(r.getRawQuery(), q.getRawQuery())
                    && requested.equals("http://" + q.getHost() + ":" + q.getPort() + nullToEmpty(q.getRawPath())
                    + (q.getRawQuery() == null ? "" : "?" + q.getRawQuery()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLoopbackIp(String host) {
        return "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
