package dev.gatehouse.core.authn;

/** How an authenticated caller proved who they are. */
public enum AuthMethod {
    BASIC,
    SESSION,
    BEARER
}
