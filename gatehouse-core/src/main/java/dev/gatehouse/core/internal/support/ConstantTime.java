package dev.gatehouse.core.internal.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons of secrets whose running time does not depend on where the inputs differ. */
public final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * Compares two strings' UTF-8 bytes in time independent of their contents (lengths may leak).
     *
     * @param a a string; may be null
     * @param b another string; may be null
     * @return true when both are present and equal; false when either is null
     */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
