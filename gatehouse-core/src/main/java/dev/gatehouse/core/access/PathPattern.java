package dev.gatehouse.core.access;

import java.util.Objects;
import java.util.regex.Pattern;

/** How a rule names paths; always matched against the normalised path. */
public sealed interface PathPattern {
    boolean matches(String normalisedPath);

    /**
     * A path prefix on segment boundaries: {@code /admin} matches {@code /admin} and
     * {@code /admin/x} but not {@code /administrator}. Compared lower-cased, as normalised
     * paths are: an upstream that ignores case must not see {@code /ADMIN} slip past. The prefix
     * with a format suffix ({@code /admin.json}) is not matched here; {@link AccessEngine} judges
     * it under this rule as well, and keeps the stricter answer.
     */
    record Prefix(String prefix) implements PathPattern {
        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.startsWith("/")) {
                throw new IllegalArgumentException("a path prefix starts with '/': " + prefix);
            }
            prefix = prefix.toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public boolean matches(String path) {
            if (prefix.equals("/")) {
                return true;
            }
            String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return path.equals(bare) || path.startsWith(bare + "/");
        }

        /** True when {@code path} is this prefix itself, without anything below it. */
        boolean namesExactly(String path) {
            String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return path.equals(bare.isEmpty() ? "/" : bare);
        }
    }

    /**
     * A regular expression that must match the whole normalised (lower-cased) path; compile it
     * with {@link Pattern#CASE_INSENSITIVE} so that it reads as written.
     */
    record Regex(Pattern pattern) implements PathPattern {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
