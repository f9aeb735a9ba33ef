/**
 * Signing keys: where they come from, how they rotate, how they are published and stored.
 *
 * <h2>Sources</h2>
 * {@link dev.gatehouse.core.keys.PemKeys} (operator-made PEM files), {@link dev.gatehouse.core.internal.keys.HmacSecrets}
 * ({@code JWT_SECRET}), {@link dev.gatehouse.core.keys.KeyGenerator} (keys Gatehouse makes and keeps) and
 * {@link dev.gatehouse.core.keys.SigningKeys} (JWKs). All pass the same checks: the key fits its one algorithm
 * (RSA of 2048 bits or more, P-256 for ES256, P-384 for ES384, Ed25519 for EdDSA, HMAC secrets as long
 * as the hash), and a private part signs what its public part verifies. The kid is the RFC 7638
 * thumbprint unless a JWK brings its own.
 *
 * <h2>Rotation</h2>
 * A {@link dev.gatehouse.core.keys.KeyRing} holds one ACTIVE key (signs), at most one NEXT key (published
 * in the JWKS a whole rotation interval before it signs) and RETIRED keys (verify until token lifetime +
 * leeway after they stopped signing, then leave). {@link dev.gatehouse.core.keys.KeyRotator} swaps
 * immutable ring snapshots atomically, saving each to the {@link dev.gatehouse.core.spi.KeyStore} first.
 *
 * <h2>At rest</h2>
 * {@link dev.gatehouse.core.keys.KeyRingCodec} stores each key's JWK AES-256-GCM encrypted under the
 * {@link dev.gatehouse.core.keys.MasterKey} ({@code GATEHOUSE_MASTER_KEY}), or in the clear when none is
 * set, in which case the store's own protection is all the keys have.
 */
package dev.gatehouse.core.keys;
