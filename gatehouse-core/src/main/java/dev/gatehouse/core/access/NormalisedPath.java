package dev.gatehouse.core.access;

/** A path as rules see it, or why it cannot be read safely. */
public sealed interface NormalisedPath {
    /**
     * A path every common upstream reads the same way, in the two spellings rules are matched
     * against.
     *
     * @param path      decoded once, without a trailing slash, case-folded, no query; never holds a
     *                  dot segment, {@code //} or {@code ;}: what a case-insensitive app routes
     * @param asWritten the same, with the case as sent: what a case-sensitive app routes
     */
    record Ok(String path, String asWritten) implements NormalisedPath {
        /** Refuses a missing spelling. */
        public Ok {
            java.util.Objects.requireNonNull(path, "path");
            java.util.Objects.requireNonNull(asWritten, "asWritten");
        }
    }

    /**
     * Ambiguous or malformed: refused rather than guessed at.
     *
     * @param reason why the path was refused, for logs and the problem detail
     */
    record Invalid(String reason) implements NormalisedPath {
    }
}
