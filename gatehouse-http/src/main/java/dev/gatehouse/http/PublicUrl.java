package dev.gatehouse.http;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where clients reach this server ({@code GATEHOUSE_PUBLIC_URL}): the one source of every absolute
 * URL Gatehouse writes (discovery metadata, the default token issuer) and of the origin its
 * browser forms are expected from. Never taken from a request: a {@code Host} header is the
 * caller's to choose, so a URL built from it points wherever an attacker asks (password-reset
 * poisoning, cache poisoning, a discovery document that sends clients to a look-alike server).
 *
 * <p>An origin only: {@code http} or {@code https}, a host, an optional port, no path, query,
 * fragment or user info. Gatehouse serves its routes from the root, so a path would make every
 * link it writes wrong.
 *
 * @param scheme {@code http} or {@code https}
 * @param host lower-case ASCII host; an IPv6 address in brackets
 * @param port the port, or 0 when the server listens on any free port and no URL is configured
 *        (then {@link #onPort} gives the port it got)
 * @param configured true when set by {@code GATEHOUSE_PUBLIC_URL}, false for the default
 *        {@code http://API_HOST:API_PORT}
 */
public record PublicUrl(String scheme, String host, int port, boolean configured) {
    /**
     * Checks that the scheme and host are present; the other rules of an origin are {@link #parse}'s to check.
     *
     * @param scheme {@code http} or {@code https}
     * @param host lower-case ASCII host; an IPv6 address in brackets
     * @param port the port, or 0 when the server listens on any free port and no URL is configured
     * @param configured true when set by {@code GATEHOUSE_PUBLIC_URL}
     * @throws NullPointerException when the scheme or the host is null
     */
    public PublicUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    /**
     * The default when nothing is configured: the address the server listens on.
     *
     * @param host the address or name listened on; an IPv6 address is put in brackets
     * @param port the port listened on, or 0 for any free port (see {@link #onPort})
     * @return an {@code http} URL, not {@linkplain #configured() configured}
     */
    public static PublicUrl listeningOn(String host, int port) {
        String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PublicUrl("http", literal.toLowerCase(Locale.ROOT), port, false);
    }

    /**
     * Reads a configured public URL. A trailing {@code /} is accepted; the host is put in ASCII
     * (IDNA) and lower case.
     *
     * @param text the setting's value
     * @return the URL, or empty when it is not an absolute http(s) origin as described above
     */
    public static Optional<PublicUrl> parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"));
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            return Optional.empty();
        }
        String host;
        try {
            host = uri.getHost().startsWith("[") ? uri.getHost() : IDN.toASCII(uri.getHost(), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort();
        return port == 0 ? Optional.empty() : Optional.of(new PublicUrl(scheme, host.toLowerCase(Locale.ROOT), port, true));
    }

    /**
     * This URL once the server listens on {@code boundPort}: only a default on port 0 changes.
     *
     * @param boundPort the port the server got
     * @return the URL with that port, or this one
     */
    public PublicUrl onPort(int boundPort) {
        return port == 0 && !configured ? new PublicUrl(scheme, host, boundPort, false) : this;
    }

    /**
     * The origin as a browser writes it in an {@code Origin} header, and the base of every
     * absolute URL: {@code https://auth.example.com}, the port only when not the scheme's default.
     *
     * @return the origin, without a trailing {@code /}
     */
    public String origin() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
    }

    /**
     * An absolute URL of this server.
     *
     * @param path a path on this server, starting with {@code /}
     * @return the origin followed by the path
     */
    public String resolve(String path) {
        return origin() + path;
    }

    /**
     * True when the host is a loopback name or address: only this machine can reach it.
     *
     * @return whether the host is {@code localhost}, {@code 127.*} or {@code [::1]}
     */
    public boolean loopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /**
     * True when both name the same origin: scheme, host and port (whether each was configured does not matter).
     *
     * @param other another public URL
     * @return whether the origins are the same
     */
    public boolean sameOrigin(PublicUrl other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /**
     * The origin.
     *
     * @return {@link #origin()}
     */
    @Override
    public String toString() {
        return origin();
    }
}
