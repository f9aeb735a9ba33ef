package dev.gatehouse.core.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DataTokenService#verify} found: either a decoded token with whether its signature
 * holds, or a text that is no JWS at all. Both are answers, not errors.
 */
public sealed interface DataTokenVerification {
    /** Why a signature was not accepted, for the {@code reason} a caller sees. */
    enum Reason {
        /** The MAC does not match: a wrong key or a changed token. */
        SIGNATURE_MISMATCH("signature_mismatch"),
        /** {@code alg} is {@code none} or not an HMAC algorithm: nothing a shared key can verify. */
        ALGORITHM_NOT_HMAC("algorithm_not_hmac"),
        /** The server's own tokens are HS512 only; another HMAC algorithm is not one of them. */
        UNEXPECTED_ALGORITHM("unexpected_algorithm"),
        /**
         * The key is shorter than the algorithm's hash (RFC 7518 section 3.2: at least 32 bytes
         * for HS256, 48 for HS384, 64 for HS512). Nimbus refuses such keys and so do we: a short
         * HMAC key can be brute-forced offline from any one token.
         */
        KEY_TOO_SHORT("key_too_short"),
        /** The header names a critical extension ({@code crit}) that is not understood. */
        UNSUPPORTED_HEADER("unsupported_header");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /**
         * The stable wire name, e.g. {@code key_too_short}.
         *
         * @return the code
         */
        public String code() {
            return code;
        }
    }

    /**
     * A JWS (or an unsecured JWT) whose parts could be read.
     *
     * @param header the protected header's members
     * @param claims the payload's members
     * @param signatureVerified true only when the MAC matched under the key asked for
     * @param reason why it was not verified; empty when it was
     */
    record Decoded(Map<String, Object> header, Map<String, Object> claims, boolean signatureVerified,
                   Optional<Reason> reason) implements DataTokenVerification {
        /**
         * Keeps read-only copies of the members, in the token's order, and refuses a reason that does not fit
         * {@code signatureVerified}.
         *
         * @throws IllegalArgumentException when a reason is given for a verified signature, or none for another
         */
        public Decoded {
            // Not Map.copyOf: a JSON member may be null, and the order a token gave is kept.
            header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
            Objects.requireNonNull(reason, "reason");
            if (signatureVerified == reason.isPresent()) {
                throw new IllegalArgumentException("a reason is given exactly when the signature is not verified");
            }
        }
    }

    /**
     * The text is not a compact JWS with a JSON object payload.
     *
     * @param detail what is wrong, for the caller; never the token
     */
    record Malformed(String detail) implements DataTokenVerification {
        /** Refuses a missing detail. */
        public Malformed {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
