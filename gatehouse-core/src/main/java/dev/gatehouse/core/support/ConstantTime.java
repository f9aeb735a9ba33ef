package dev.gatehouse.core.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons of secrets whose running time does not depend on where the inputs differ. */
public final class ConstantTime {
    private ConstantTime() {
    }

    /** Compares two strings' UTF-8 bytes in time independent of their contents (lengths may leak). */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
