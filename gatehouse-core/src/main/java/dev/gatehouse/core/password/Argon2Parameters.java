package dev.gatehouse.core.password;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id cost parameters.
 *
 * @param memoryKiB memory per hash in KiB
 * @param iterations passes over that memory
 * @param parallelism lanes
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    /** OWASP's recommendation (Password Storage Cheat Sheet): m=19 MiB, t=2, p=1. */
    public static final Argon2Parameters OWASP = new Argon2Parameters(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");

    /**
     * Refuses parameters libargon2 would refuse: fewer than one pass or lane, or less than 8 KiB per lane.
     *
     * @throws IllegalArgumentException when the parameters are impossible
     */
    public Argon2Parameters {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 parameters: m=" + memoryKiB + " t=" + iterations + " p=" + parallelism);
        }
    }

    /**
     * The parameters a PHC string ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) was made with.
     *
     * @param phc a stored hash
     * @return its parameters, or empty when it is not an Argon2id v19 PHC string with possible parameters
     */
    public static Optional<Argon2Parameters> of(String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Argon2Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (IllegalArgumentException e) {
            // Well-shaped but impossible (m=0, t=0, p=0...): as unusable as any other garbage, and not worth an exception.
            return Optional.empty();
        }
    }

    /**
     * True when a hash made with {@code other} is weaker than one made with these parameters.
     *
     * <p>A different parallelism counts too, so that every hash ends up with today's parameters.
     *
     * @param other the parameters of a stored hash
     * @return true when that hash should be made anew with these parameters
     */
    public boolean isStrongerThan(Argon2Parameters other) {
        return memoryKiB > other.memoryKiB || iterations > other.iterations || parallelism != other.parallelism;
    }
}
