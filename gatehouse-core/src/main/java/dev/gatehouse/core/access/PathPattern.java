package dev.gatehouse.core.access;

import java.util.Objects;
import java.util.regex.Pattern;

/** How a rule names paths; always matched against the normalised path. */
public sealed interface PathPattern {
    /**
     * Matches the case-folded path ({@link NormalisedPath.Ok#path()}), ignoring the case the rule was written in.
     *
     * @param normalisedPath the case-folded path
     * @return true when the rule names this path
     */
    boolean matches(String normalisedPath);

    /**
     * Matches the path with its case as sent ({@link NormalisedPath.Ok#asWritten()}) against the
     * rule as written, case-sensitively: what an app that routes case-sensitively serves.
     *
     * @param path the path with its case as sent
     * @return true when the rule, as written, names this path
     */
    boolean matchesAsWritten(String path);

    /**
     * True when the rule as written holds capitals, so that reading a lower-case path as written can change what it matches.
     *
     * @return true when the rule holds an upper-case letter
     */
    boolean writtenWithCapitals();

    /**
     * A path prefix on segment boundaries: {@code /admin} matches {@code /admin} and
     * {@code /admin/x} but not {@code /administrator}. Compared lower-cased, as normalised
     * paths are: an upstream that ignores case must not see {@code /ADMIN} slip past. For an
     * upstream that routes case-sensitively the path as sent is matched against the prefix as
     * written too ({@link #matchesAsWritten}), so that a public {@code /files/readme.txt} does not
     * open {@code /files/README.TXT}, another file to such an app. The prefix
     * with a format suffix ({@code /admin.json}) is not matched here; {@link AccessEngine} judges
     * it under this rule as well, and keeps the stricter answer.
     *
     * @param prefix the prefix as written, starting with {@code /}
     * @param folded the prefix lower-cased, as normalised paths are
     */
    record Prefix(String prefix, String folded) implements PathPattern {
        /**
         * Refuses a prefix that does not start with {@code /}, or whose folded form is not its lower case.
         *
         * @param prefix the prefix as written
         * @param folded the prefix lower-cased, as normalised paths are
         */
        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.startsWith("/")) {
                throw new IllegalArgumentException("a path prefix starts with '/': " + prefix);
            }
            if (!prefix.toLowerCase(java.util.Locale.ROOT).equals(folded)) {
                throw new IllegalArgumentException("folded must be the prefix lower-cased");
            }
        }

        /**
         * A prefix matched in both cases, as written and lower-cased.
         *
         * @param prefix the prefix as written, starting with {@code /}
         */
        public Prefix(String prefix) {
            this(prefix, Objects.requireNonNull(prefix, "prefix").toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public boolean matches(String path) {
            return under(folded, path);
        }

        @Override
        public boolean matchesAsWritten(String path) {
            return under(prefix, path);
        }

        @Override
        public boolean writtenWithCapitals() {
            return !prefix.equals(folded);
        }

        private static boolean under(String prefix, String path) {
            if (prefix.equals("/")) {
                return true;
            }
            String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return path.equals(bare) || path.startsWith(bare + "/");
        }

        /** True when {@code path} is this prefix itself, without anything below it, in the case given by {@code asWritten}. */
        boolean namesExactly(String path, boolean asWritten) {
            String named = asWritten ? prefix : folded;
            String bare = named.endsWith("/") ? named.substring(0, named.length() - 1) : named;
            return path.equals(bare.isEmpty() ? "/" : bare);
        }
    }

    /**
     * A regular expression that must match the whole normalised (lower-cased) path; compile it
     * with {@link Pattern#CASE_INSENSITIVE} so that it reads as written.
     *
     * @param pattern   the expression, compiled case-insensitively
     * @param asWritten the same expression compiled case-sensitively, for apps that route that way
     */
    record Regex(Pattern pattern, Pattern asWritten) implements PathPattern {
        /**
         * Refuses a missing expression.
         *
         * @param pattern   the expression, compiled case-insensitively
         * @param asWritten the same expression compiled case-sensitively
         */
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(asWritten, "asWritten");
        }

        /**
         * An expression matched both ways: as compiled, and compiled again without its case-insensitive flags.
         *
         * @param pattern the expression, compiled with {@link Pattern#CASE_INSENSITIVE}
         */
        public Regex(Pattern pattern) {
            this(pattern, Pattern.compile(Objects.requireNonNull(pattern, "pattern").pattern(),
                    pattern.flags() & ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        }

        @Override
        public boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        @Override
        public boolean matchesAsWritten(String path) {
            return asWritten.matcher(path).matches();
        }

        /** Also true for escapes such as {@code \\S}: reading twice where once would do costs time, never safety. */
        @Override
        public boolean writtenWithCapitals() {
            return asWritten.pattern().chars().anyMatch(Character::isUpperCase);
        }
    }
}
