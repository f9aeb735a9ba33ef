package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningKey;

import java.util.Map;
import java.util.Objects;

/** The result of a signature-level check ({@link JwsSignatureCheck}): no claims were looked at. */
public sealed interface JwsCheck {
    /**
     * The signature verified under the key's own algorithm and the header passed the policy.
     *
     * @param key     the key that verified it
     * @param header  the protected header as JSON members
     * @param payload the payload bytes (a copy on each call; equality of two results is by identity here)
     */
    record Verified(SigningKey key, Map<String, Object> header, byte[] payload) implements JwsCheck {
        /** Refuses a missing key, and copies the header and payload. */
        public Verified {
            Objects.requireNonNull(key, "key");
            header = Map.copyOf(header);
            payload = payload.clone();
        }

        /**
         * The payload bytes.
         *
         * @return a new copy
         */
        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /**
     * Refused before or at the signature; {@code reason} says why.
     *
     * @param reason why the JWS was refused
     */
    record Rejected(InvalidToken reason) implements JwsCheck {
        /** Refuses a missing reason. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
