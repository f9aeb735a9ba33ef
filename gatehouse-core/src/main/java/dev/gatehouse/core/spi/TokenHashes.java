package dev.gatehouse.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Hashes of high-entropy tokens, so that stores never hold a usable token. A fast hash is
 * right here (unlike for passwords): a 256-bit random token cannot be brute-forced.
 */
public final class TokenHashes {
    private TokenHashes() {
    }

    /**
     * SHA-256 of the token's UTF-8 bytes, as unpadded base64url.
     *
     * @param token the token in clear
     * @return 43 characters of base64url
     */
    public static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
