package dev.gatehouse.core.client;

/**
 * Whether a client can keep a secret (RFC 6749 section 2.1).
 */
public enum ClientType {
    /** A server-side application: it authenticates with a secret or a signed assertion at the token endpoint. */
    CONFIDENTIAL,
    /**
     * A browser or native application, which holds no secret: it proves at the token endpoint that
     * it started the flow by PKCE alone, so PKCE is required of it.
     */
    PUBLIC
}
