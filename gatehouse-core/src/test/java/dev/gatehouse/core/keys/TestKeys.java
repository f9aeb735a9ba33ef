package dev.gatehouse.core.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * RSA keys shared by the tests that need some RSA key but do not test generation: a 2048-bit
 * key takes up to a second or two to generate on a small machine.
 */
public final class TestKeys {
    private static final List<SigningKey> RSA = new ArrayList<>();

    private TestKeys() {
    }

    /** The {@code index}-th shared RS256 key, generated on first use. */
    public static synchronized SigningKey rsa(int index) {
        while (RSA.size() <= index) {
            RSA.add(KeyGenerator.generate(SigningAlgorithm.RS256));
        }
        return RSA.get(index);
    }

    /** New keys for {@code algorithm}; RS256 keys come from the shared pool, in order. */
    static Supplier<SigningKey> supplier(SigningAlgorithm algorithm) {
        if (algorithm != SigningAlgorithm.RS256) {
            return () -> KeyGenerator.generate(algorithm);
        }
        int[] next = {0};
        return () -> rsa(next[0]++);
    }
}
