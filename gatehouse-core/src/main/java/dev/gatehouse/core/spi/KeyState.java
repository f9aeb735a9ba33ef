package dev.gatehouse.core.spi;

/** Where a key is in its life on the ring: published first, then signing, then only verifying, then gone. */
public enum KeyState {
    /** Published in the JWKS so that caches hold it before it signs; never signs or verifies yet. */
    NEXT,
    /** The one key that signs new tokens; published and verifying. */
    ACTIVE,
    /** No longer signs; still verifies (and stays published) until every token it signed has expired. */
    RETIRED
}
