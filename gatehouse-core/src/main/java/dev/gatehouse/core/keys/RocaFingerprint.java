package dev.gatehouse.core.keys;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * Detects RSA moduli from the Infineon generator with the ROCA flaw (CVE-2017-15361, Nemec et al.
 * 2017). Such primes are 65537^k mod M, so the modulus modulo each small prime p lies in the
 * subgroup 65537 generates mod p. An honest modulus passes that test for all 38 primes with
 * negligible probability. This is the published fingerprint test, not a cryptographic primitive.
 */
final class RocaFingerprint {
    private static final int[] PRIMES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79,
            83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};
    private static final Set<Integer>[] SUBGROUPS = subgroups();

    private RocaFingerprint() {
    }

    static boolean matches(BigInteger modulus) {
        for (int i = 0; i < PRIMES.length; i++) {
            int residue = modulus.mod(BigInteger.valueOf(PRIMES[i])).intValue();
            if (!SUBGROUPS[i].contains(residue)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Set<Integer>[] subgroups() {
        Set<Integer>[] all = (Set<Integer>[]) new Set<?>[PRIMES.length];
        for (int i = 0; i < PRIMES.length; i++) {
            int p = PRIMES[i];
            int generator = 65537 % p;
            Set<Integer> members = new HashSet<>();
            int x = 1;
            while (members.add(x)) {
                x = (x * generator) % p;
            }
            all[i] = Set.copyOf(members);
        }
        return all;
    }
}
