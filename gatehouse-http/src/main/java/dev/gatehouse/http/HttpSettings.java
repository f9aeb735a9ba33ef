package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.oidc.DynamicRegistration;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the HTTP edge needs to know beyond the library's services: which credentials it reads,
 * its cookie, its limits and the URL it is reached at.
 *
 * @param authMethods the credentials read from requests; any other kind is ignored, so a deployment
 *        that never enabled Basic cannot be signed into with a password on every request
 * @param sessionCookieName the session cookie's name (an RFC 6265 token)
 * @param cookieSecure mark the session cookie {@code Secure}, so a browser never sends it over plain
 *        HTTP where anyone on the path could read it; set it whenever TLS is in front
 * @param maxBodyBytes largest request body read before answering 413, so a client cannot make the
 *        server buffer what it likes
 * @param registration who may create users over the API; admins only by default, so that a stranger
 *        cannot make an account and walk into the apps behind the proxy
 * @param publicUrl where clients reach this server: the origin of every absolute URL written and of
 *        the browser forms accepted, never taken from a request's {@code Host}
 * @param introspectionSecret the bearer secret resource servers present to {@code /auth/introspect};
 *        without it only admins may introspect
 * @param forwardAuth how {@code /auth/verify} reads the proxy asking it
 * @param clientRegistration who may register OpenID clients at {@code POST /register} (RFC 7591);
 *        empty by default, so that nobody but the operator can put a redirect URI or a client in
 *        front of the users
 */
public record HttpSettings(Set<AuthMethod> authMethods, String sessionCookieName, boolean cookieSecure, int maxBodyBytes,
                           RegistrationMode registration, PublicUrl publicUrl, Optional<Secret> introspectionSecret,
                           ForwardAuthSettings forwardAuth, Optional<DynamicRegistration.Access> clientRegistration) {
    /** The session cookie's default name. */
    public static final String DEFAULT_SESSION_COOKIE_NAME = "gatehouse_session";
    /** The default largest request body, 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /**
     * Checks the settings and copies the set of credentials read.
     *
     * @param authMethods the credentials read from requests
     * @param sessionCookieName the session cookie's name
     * @param cookieSecure mark the session cookie {@code Secure}
     * @param maxBodyBytes largest request body read before answering 413; at least 1
     * @param registration who may create users over the API
     * @param publicUrl where clients reach this server
     * @param introspectionSecret the bearer secret resource servers present to {@code /auth/introspect};
     *        empty when only admins may introspect
     * @param forwardAuth how {@code /auth/verify} reads the proxy asking it
     * @param clientRegistration who may register OpenID clients at {@code POST /register}
     *        (RFC 7591); empty, the default, when nobody may
     * @throws NullPointerException when a setting is null
     * @throws IllegalArgumentException when {@code maxBodyBytes} is not positive
     */
    public HttpSettings {
        authMethods = Set.copyOf(authMethods);
        Objects.requireNonNull(sessionCookieName, "sessionCookieName");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, not " + maxBodyBytes);
        }
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(introspectionSecret, "introspectionSecret");
        Objects.requireNonNull(forwardAuth, "forwardAuth");
        Objects.requireNonNull(clientRegistration, "clientRegistration");
    }

    /**
     * Basic and sessions, a {@code gatehouse_session} cookie without {@code Secure} (set it when TLS is in
     * front), 64 KiB bodies, registration by admins only, no introspection secret, the
     * {@linkplain ForwardAuthSettings#defaults() default forward-auth settings} and no dynamic
     * client registration.
     *
     * @param publicUrl where clients reach this server
     * @return the default settings
     */
    public static HttpSettings defaults(PublicUrl publicUrl) {
        return new HttpSettings(EnumSet.of(AuthMethod.BASIC, AuthMethod.SESSION), DEFAULT_SESSION_COOKIE_NAME, false, DEFAULT_MAX_BODY_BYTES,
                RegistrationMode.ADMIN, publicUrl, Optional.empty(), ForwardAuthSettings.defaults(), Optional.empty());
    }

    /**
     * True when credentials of this kind are read.
     *
     * @param method a kind of credentials
     * @return whether it is among {@link #authMethods()}
     */
    public boolean allows(AuthMethod method) {
        return authMethods.contains(method);
    }
}
