package dev.gatehouse.core.internal.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Unguessable identifiers. Session tokens carry 256 bits from {@link SecureRandom}, twice the
 * 128 bits an attacker would have to guess, so that online guessing is hopeless.
 */
public final class SecureIds {
    /** Bytes of entropy in a session token (256 bits). */
    public static final int TOKEN_BYTES = 32;
    /** Length of a token's base64url text without padding. */
    public static final int TOKEN_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SecureIds() {
    }

    /**
     * A new 256-bit random token as unpadded base64url text.
     *
     * @return 43 characters of base64url
     */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return URL_ENCODER.encodeToString(bytes);
    }

    /**
     * A random (version 4) UUID, from the {@link SecureRandom} that {@link UUID#randomUUID()} keeps.
     *
     * @return the UUID
     */
    public static UUID newUuid() {
        return UUID.randomUUID();
    }

    /**
     * True when {@code text} has exactly the shape {@link #newToken()} produces.
     *
     * @param text the presented token; may be null
     * @return true when it is 43 base64url characters in canonical form, so that a token has one spelling
     */
    public static boolean isWellFormedToken(String text) {
        if (text == null || text.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        // The last character of 32 bytes in base64url holds only 4 significant bits; anything else is non-canonical.
        return "AEIMQUYcgkosw048".indexOf(text.charAt(TOKEN_LENGTH - 1)) >= 0;
    }
}
