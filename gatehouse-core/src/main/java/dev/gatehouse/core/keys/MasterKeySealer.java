package dev.gatehouse.core.keys;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals secrets the server keeps in its store (private keys, second-factor secrets) under the
 * {@link MasterKey} ({@code GATEHOUSE_MASTER_KEY}), or keeps them plain when there is none:
 * <ul>
 *   <li>with a master key: {@code "gcm1:" + base64url(nonce || ciphertext || tag)}, AES-256-GCM with
 *       a random 96-bit nonce and a context (a key's kid, a user's id) as associated data, so a
 *       sealed value copied onto another row does not open;</li>
 *   <li>without one: {@code "plain1:" + base64url(bytes)}: then the secrets are only as safe as the
 *       store itself (its file permissions, backups, database access).</li>
 * </ul>
 * With a master key set, a plain value is refused rather than trusted, so whoever can write to the
 * store cannot plant a secret of their choosing. Thread-safe.
 */
public final class MasterKeySealer {
    private static final String ENCRYPTED = "gcm1:";
    private static final String PLAIN = "plain1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a stored value did not open. */
    public enum Refusal {
        /** Plain, although a master key is set: anyone with write access to the store could have put it there. */
        PLAIN_WITH_A_MASTER_KEY,
        /** Sealed, and no master key is set. */
        NO_MASTER_KEY,
        /** Neither format this class writes. */
        UNKNOWN_FORMAT,
        /** Not base64url, or too short to hold a nonce and a tag. */
        DAMAGED,
        /** The tag does not verify: another master key, another context, or an altered value. */
        DOES_NOT_OPEN
    }

    /** A stored value that did not open, and why; it names no secret. */
    public static final class UnsealingException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Why the value did not open. */
        private final Refusal refusal;

        UnsealingException(Refusal refusal) {
            super("a sealed value was refused: " + refusal);
            this.refusal = refusal;
        }

        /**
         * Why the value did not open.
         *
         * @return the reason
         */
        public Refusal refusal() {
            return refusal;
        }
    }

    private final Optional<MasterKey> masterKey;

    /**
     * A sealer under {@code masterKey}.
     *
     * @param masterKey the key that encrypts secrets at rest; empty to keep them plain
     */
    public MasterKeySealer(Optional<MasterKey> masterKey) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    }

    /**
     * Seals {@code plain} for the row {@code context} names.
     *
     * @param plain the secret
     * @param context what the value belongs to; the same context opens it
     * @return the value to store
     */
    public String seal(byte[] plain, String context) {
        if (masterKey.isEmpty()) {
            return PLAIN + Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context, masterKey.get()).doFinal(plain);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return ENCRYPTED + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    /**
     * Opens a stored value sealed for {@code context}.
     *
     * @param stored the value as stored
     * @param context what the value belongs to
     * @return the secret
     * @throws UnsealingException when the value does not open, saying why
     */
    public byte[] open(String stored, String context) {
        if (stored.startsWith(PLAIN)) {
            if (masterKey.isPresent()) {
                throw new UnsealingException(Refusal.PLAIN_WITH_A_MASTER_KEY);
            }
            return decode(stored.substring(PLAIN.length()));
        }
        if (!stored.startsWith(ENCRYPTED)) {
            throw new UnsealingException(Refusal.UNKNOWN_FORMAT);
        }
        MasterKey key = masterKey.orElseThrow(() -> new UnsealingException(Refusal.NO_MASTER_KEY));
        byte[] sealed = decode(stored.substring(ENCRYPTED.length()));
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnsealingException(Refusal.DAMAGED);
        }
        try {
            byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, nonce, context, key).doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnsealingException(Refusal.DOES_NOT_OPEN);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    private static Cipher cipher(int mode, byte[] nonce, String context, MasterKey key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UnsealingException(Refusal.DAMAGED);
        }
    }
}
