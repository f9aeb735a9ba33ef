package dev.gatehouse.core.access;

/** A path as rules see it, or why it cannot be read safely. */
public sealed interface NormalisedPath {
    /** Decoded once, without a trailing slash, case-folded, no query; never holds a dot segment, {@code //} or {@code ;}. */
    record Ok(String path) implements NormalisedPath {
    }

    /** Ambiguous or malformed: refused rather than guessed at. */
    record Invalid(String reason) implements NormalisedPath {
    }
}
