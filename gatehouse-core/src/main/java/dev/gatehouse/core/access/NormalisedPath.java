package dev.gatehouse.core.access;

/** A path as rules see it, or why it cannot be read safely. */
public sealed interface NormalisedPath {
    /** Decoded once, dot-segments resolved, slashes collapsed, {@code ;} parameters dropped, lower-cased, no query. */
    record Ok(String path) implements NormalisedPath {
    }

    /** Ambiguous or malformed: refused rather than guessed at. */
    record Invalid(String reason) implements NormalisedPath {
    }
}
