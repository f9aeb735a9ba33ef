package dev.gatehouse.core.factor;

import org.bouncycastle.util.encoders.Base32;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shared secret of a TOTP authenticator app: 160 random bits, the length RFC 4226 section 4
 * recommends for HMAC-SHA-1 (the key as long as the hash). Shown to the user once, at enrolment,
 * as Base32 and as an {@code otpauth://} URI (the QR code's content); never in {@link #toString}.
 *
 * @param bytes the 20 secret bytes; copied in and out, so no caller can change the secret
 */
public record TotpSecret(byte[] bytes) {
    /** The secret's length in bytes: 160 bits. */
    public static final int LENGTH = 20;

    /** Copies the bytes and refuses any other length than {@link #LENGTH}. */
    public TotpSecret {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a TOTP secret is " + LENGTH + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * A new random secret.
     *
     * @param random the source of randomness, a {@link SecureRandom}
     * @return the secret
     */
    public static TotpSecret generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new TotpSecret(bytes);
    }

    /**
     * The secret's bytes.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The secret as authenticator apps take it typed in: RFC 4648 Base32, upper case, 32
     * characters (160 bits fill them exactly, so there is no padding).
     *
     * @return the Base32 text
     */
    public String base32() {
        return Base32.toBase32String(bytes);
    }

    /**
     * The {@code otpauth://} URI an authenticator app reads from a QR code (the Key Uri Format of
     * Google Authenticator, which the other apps follow): label {@code Issuer:account}, and the
     * profile spelled out (SHA1, 6 digits, 30 s) so that no app falls back to another.
     *
     * @param issuer the product name shown in the app, e.g. {@code Gatehouse}
     * @param account the user's login, shown under it
     * @return the URI, its parts percent-encoded
     */
    public String otpauthUri(String issuer, String account) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32() + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits="
                + Totp.DIGITS + "&period=" + Totp.PERIOD.toSeconds();
    }

    /** Percent-encoding with %20 for a space: the URI's path and query are read by apps, not by forms. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret secret && Arrays.equals(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TotpSecret[<hidden>]";
    }
}
