package dev.gatehouse.http;

import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.access.TrustedProxies;

import java.util.Objects;
import java.util.Set;

/**
 * How {@code /auth/verify} reads the reverse proxy that asks it, and where it sends browsers.
 *
 * @param trustedProxies peers whose {@code X-Original-*}/{@code X-Forwarded-*} headers are believed;
 *        anyone else could name a public path while reaching a protected one
 * @param loginUrl where a signed-out browser is sent: a path on this server or an http(s) URL
 * @param returnUrls where a browser may be sent back after signing in; anything else would make
 *        the login page an open redirect
 * @param headerPrefix prefix of the identity headers ({@code X-Auth-} gives {@code X-Auth-User})
 * @param proxy whose headers name the original request; the other kinds' headers may be the client's
 */
public record ForwardAuthSettings(TrustedProxies trustedProxies, String loginUrl, ReturnUrls returnUrls, String headerPrefix,
                                  ForwardAuthProxy proxy) {
    /**
     * The default trusted proxies, loopback only: a proxy on another machine must be named, or any
     * peer could send {@code X-Original-*} headers and be believed.
     */
    public static final String DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8, ::1";
    /** The default login page: this server's own. */
    public static final String DEFAULT_LOGIN_URL = "/login";
    /** The default prefix of the identity headers. */
    public static final String DEFAULT_HEADER_PREFIX = "X-Auth-";

    /**
     * Checks that every setting is present.
     *
     * @param trustedProxies peers whose {@code X-Original-*}/{@code X-Forwarded-*} headers are believed
     * @param loginUrl where a signed-out browser is sent
     * @param returnUrls where a browser may be sent back after signing in
     * @param headerPrefix prefix of the identity headers
     * @param proxy whose headers name the original request
     * @throws NullPointerException when any of them is null
     */
    public ForwardAuthSettings {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(returnUrls, "returnUrls");
        Objects.requireNonNull(headerPrefix, "headerPrefix");
        Objects.requireNonNull(proxy, "proxy");
    }

    /**
     * A proxy on this machine (loopback only) of the {@linkplain ForwardAuthProxy#DEFAULT default
     * kind}, {@code /login}, {@code X-Auth-} headers, and return URLs on this site only.
     *
     * @return the default settings
     */
    public static ForwardAuthSettings defaults() {
        return new ForwardAuthSettings(TrustedProxies.loopbackOnly(), DEFAULT_LOGIN_URL, ReturnUrls.of(Set.of()), DEFAULT_HEADER_PREFIX,
                ForwardAuthProxy.DEFAULT);
    }
}
