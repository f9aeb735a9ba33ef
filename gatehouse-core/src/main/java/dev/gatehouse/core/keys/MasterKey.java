package dev.gatehouse.core.keys;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The AES-256 key that encrypts private keys at rest ({@code GATEHOUSE_MASTER_KEY}: base64 of 32
 * random bytes, e.g. {@code openssl rand -base64 32}). It never appears in {@link #toString}, and
 * its bytes are handed out only as copies.
 *
 * @param bytes the 32 key bytes; copied in, and copied again for each reader
 */
public record MasterKey(byte[] bytes) {
    /** AES-256 needs exactly this many bytes. */
    public static final int LENGTH = 32;

    /**
     * Copies the bytes, refusing any length but {@link #LENGTH}.
     *
     * @throws IllegalArgumentException when there are not exactly 32 bytes
     */
    public MasterKey {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a master key is exactly " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    /**
     * Parses the setting's text (standard or URL-safe base64, padding optional).
     *
     * @param base64 the setting's text; spaces around it are ignored
     * @return the key
     * @throws IllegalArgumentException when it is not base64 of exactly 32 bytes; the message
     *                                  never repeats the text
     */
    public static MasterKey parse(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("GATEHOUSE_MASTER_KEY is empty; make one with: openssl rand -base64 32");
        }
        String text = base64.trim();
        byte[] decoded;
        try {
            decoded = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEHOUSE_MASTER_KEY is not base64; make one with: openssl rand -base64 32");
        }
        if (decoded.length != LENGTH) {
            int length = decoded.length;
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalArgumentException("GATEHOUSE_MASTER_KEY must decode to " + LENGTH + " bytes, not " + length
                    + "; make one with: openssl rand -base64 32");
        }
        return new MasterKey(decoded);
    }

    /**
     * A new random master key.
     *
     * @return 32 bytes from {@link SecureRandom}
     */
    public static MasterKey generate() {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /**
     * A copy of the key bytes.
     *
     * @return a new copy, which the caller may wipe
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        // A constant: hashing the key would leak a function of it into hash-based structures' timing.
        return MasterKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }
}
