package dev.gatehouse.core.token;

import com.nimbusds.jose.util.Base64URL;

/**
 * Whether a JWS part is in the one canonical base64url spelling (RFC 7515 2: no padding, URL
 * alphabet, unused trailing bits zero). Decoders are lenient, so two different strings can decode
 * to the same bytes; requiring the canonical form means a token has exactly one spelling, which
 * keeps denylists and caches keyed by the token text honest.
 */
final class Base64UrlCanonical {
    private Base64UrlCanonical() {
    }

    static boolean isCanonical(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!alphabet) {
                return false;
            }
        }
        if (part.length() % 4 == 1) {
            return false;
        }
        // Re-encoding the decoded bytes must give back the same text; this catches non-zero trailing bits.
        return Base64URL.encode(new Base64URL(part).decode()).toString().equals(part);
    }
}
