package dev.gatehouse.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Settings of the forward-auth endpoint. Kept as text here and parsed (and refused when bad) by
 * the server at start, where the access package's parsers live.
 *
 * @param trustedProxies {@code GATEHOUSE_TRUSTED_PROXIES}: addresses and CIDR ranges whose
 *        {@code X-Original-*}/{@code X-Forwarded-*} headers are believed; loopback by default
 * @param loginUrl {@code GATEHOUSE_LOGIN_URL}: where browsers are sent to sign in
 * @param allowedRedirectHosts {@code GATEHOUSE_ALLOWED_REDIRECT_HOSTS}: hosts a return URL may name
 * @param headerPrefix prefix of the identity headers ({@code X-Auth-} gives {@code X-Auth-User})
 * @param proxy {@code GATEHOUSE_FORWARD_AUTH_PROXY}: whose headers name the original request; nginx by default
 */
public record GatewayConfig(String trustedProxies, String loginUrl, List<String> allowedRedirectHosts, String headerPrefix,
                            ForwardAuthProxy proxy) {
    public static final String DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8, ::1";
    public static final String DEFAULT_LOGIN_URL = "/login";
    public static final String DEFAULT_HEADER_PREFIX = "X-Auth-";

    public GatewayConfig {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(loginUrl, "loginUrl");
        allowedRedirectHosts = List.copyOf(allowedRedirectHosts);
        Objects.requireNonNull(headerPrefix, "headerPrefix");
        Objects.requireNonNull(proxy, "proxy");
    }
}
