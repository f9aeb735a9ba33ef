package dev.gatehouse.core.factor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Time-based one-time passwords (RFC 6238) in the profile every authenticator app supports:
 * HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch. The HMAC is the JDK's; what RFC 4226
 * adds on top (the dynamic truncation) is the few lines below, checked against the RFC's test
 * vectors and against {@code oathtool}.
 *
 * <p>{@link #verify} accepts the code of the current step and of one step either side (a phone's
 * clock a little off, a code typed as it changed), and only of a step after the last one this
 * user's codes were accepted for: a code, once accepted, is never accepted again, nor any code
 * before it. The caller stores the step {@code verify} returns, and must do so atomically (a
 * compare-and-set on the last step) so that two requests with one code do not both pass.
 */
public final class Totp {
    /** The length of a step. */
    public static final Duration PERIOD = Duration.ofSeconds(30);
    /** The digits of a code. */
    public static final int DIGITS = 6;
    /** How many steps either side of the current one are accepted. */
    public static final int WINDOW = 1;
    private static final int MODULUS = 1_000_000;
    /** Six ASCII digits, optionally split in the middle by one space, as apps show them. */
    private static final Pattern CODE = Pattern.compile("([0-9]{3}) ?([0-9]{3})");

    private Totp() {
    }

    /**
     * The step {@code instant} falls in.
     *
     * @param instant the time
     * @return the number of whole periods since the Unix epoch
     */
    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD.toSeconds());
    }

    /**
     * The code of a step (RFC 4226 section 5.3 on the step number, RFC 6238 section 4).
     *
     * @param secret the shared secret
     * @param step the step
     * @return six digits, with leading zeros
     */
    public static String code(TotpSecret secret, long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA1", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%0" + DIGITS + "d", binary % MODULUS);
    }

    /**
     * The step whose code {@code presented} is, if it is one that may be accepted now.
     *
     * @param secret the user's secret
     * @param presented the code as the user typed it: six digits, or three, a space and three
     * @param now the time of the attempt
     * @param lastAccepted the step of this user's last accepted code, if any
     * @return the matching step, after {@code lastAccepted} and at most {@link #WINDOW} from now's;
     *         empty when the code is malformed, wrong, or was (or an earlier one was) accepted already
     */
    public static OptionalLong verify(TotpSecret secret, String presented, Instant now, OptionalLong lastAccepted) {
        Optional<String> digits = digits(presented);
        if (digits.isEmpty()) {
            return OptionalLong.empty();
        }
        byte[] given = digits.get().getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        OptionalLong matched = OptionalLong.empty();
        // Every step of the window is computed and compared, matched or not: the time taken says nothing.
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            boolean equal = MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), given);
            boolean fresh = lastAccepted.isEmpty() || step > lastAccepted.getAsLong();
            if (equal && fresh && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    private static Optional<String> digits(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var matcher = CODE.matcher(presented);
        return matcher.matches() ? Optional.of(matcher.group(1) + matcher.group(2)) : Optional.empty();
    }
}
