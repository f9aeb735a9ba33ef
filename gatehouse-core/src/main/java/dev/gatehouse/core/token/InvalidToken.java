package dev.gatehouse.core.token;

import java.util.Locale;

/**
 * Why a token was refused. The {@link #code()}s are stable: logs, metrics and error bodies may
 * rely on them. Every one of these is "the token is bad" (HTTP 401); "we failed" is a
 * {@link TokenProcessingException} instead.
 */
public enum InvalidToken {
    /** Not a compact JWS of three parts, a header or payload that is not JSON, a missing part. */
    MALFORMED,
    /** Longer than {@link JwsSignatureCheck#MAX_TOKEN_CHARS}; refused before any parsing. */
    TOO_LARGE,
    /** A base64url part with padding, {@code +}/{@code /}, stray characters or non-zero trailing bits. */
    NON_CANONICAL_ENCODING,
    /** {@code none} (in any case), or an algorithm outside Gatehouse's allowlist. */
    UNSUPPORTED_ALGORITHM,
    /** The header's algorithm is allowed in general but is not the one bound to the named key. */
    ALGORITHM_MISMATCH,
    /** The header names no {@code kid}; Gatehouse never guesses a key. */
    MISSING_KEY_ID,
    /** No key with this kid may verify tokens (none, retired, or not meant for signatures). */
    UNKNOWN_KEY,
    /** The signature does not verify with the named key. */
    BAD_SIGNATURE,
    /** {@code exp} has passed (beyond the leeway). */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies in the future (beyond the leeway). */
    NOT_YET_VALID,
    /** {@code iss} is not exactly our issuer. */
    WRONG_ISSUER,
    /** {@code aud} is not exactly our audience. */
    WRONG_AUDIENCE,
    /** {@code typ} is not {@code at+jwt}: a refresh token or an ID token is never an access token. */
    WRONG_TYPE,
    /** A required claim is missing or has the wrong shape (sub not a UUID, unknown role, ...). */
    INVALID_CLAIMS,
    /** {@code jku}, {@code x5u}, {@code jwk}, {@code x5c} or {@code b64}: keys are never taken from the token. */
    FORBIDDEN_HEADER,
    /** A {@code crit} header: Gatehouse understands no extensions, so every critical one is unknown. */
    UNKNOWN_CRITICAL_HEADER,
    /** A JWE (five parts or an {@code enc} header): Gatehouse only accepts signed tokens. */
    ENCRYPTED;

    /**
     * The stable, lower-case code, e.g. {@code bad_signature}.
     *
     * @return the constant's name in lower case
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
