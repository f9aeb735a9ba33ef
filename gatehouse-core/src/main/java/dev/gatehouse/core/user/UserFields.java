package dev.gatehouse.core.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Shape rules for the fields of a user; each returns why a value is refused, or empty. */
public final class UserFields {
    /** The most code points a first, last or display name may have, so that one request cannot store megabytes. */
    public static final int MAX_NAME_LENGTH = 200;
    // Deliberately plain: one @, no spaces or controls, a dot-free or dotted domain. Deliverability is the mailer's concern.
    // No RFC 5322 specials either: an address parser (Python's email.utils, Go's net/mail) reads
    // "root"@example.org, <root@example.org>, x<root@example.org> and root(x)@example.org as root@example.org,
    // so an app that parses X-Auth-Email would take such an account for that one.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}\"(),:;<>\\[\\]\\\\]{1,64}@[^@\\s\\p{Cntrl}\"(),:;<>\\[\\]\\\\]{1,189}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Folding twice more than it ever takes (NFKC and case mapping settle in one or two rounds) before giving up. */
    private static final int MAX_FOLDS = 4;

    private UserFields() {
    }

    /**
     * The one form in which emails and usernames are compared and stored, or empty when the
     * value is refused ({@link #loginNameViolation} says why).
     *
     * <p>Spaces around the value are dropped (people paste them); then NFKC, so that fullwidth
     * {@code ｒｏｏｔ} and the Kelvin sign are the {@code root} and {@code k} they look like; then
     * upper case followed by lower case, which merges every pair that a simple case-insensitive
     * comparison (Java's {@code equalsIgnoreCase}, most databases) takes as equal, the dotless
     * {@code ı}, the dotted {@code İ} and {@code i} among them, and what case folding merges
     * ({@code ß} and {@code ss}). An application that compares the identity headers we
     * send more loosely than we do therefore never meets two accounts it takes for one. The steps
     * repeat until the value no longer changes, so the stored form is a fixed point.
     *
     * @param loginName an email or username as typed
     * @return the normal form, or empty when the value is refused or has no stable normal form
     */
    public static Optional<String> normalise(String loginName) {
        String value = stripSpaces(loginName);
        if (firstRefused(value).isPresent()) {
            return Optional.empty();
        }
        for (int round = 0; round < MAX_FOLDS; round++) {
            String folded = fold(value);
            if (folded.equals(value)) {
                return firstRefused(folded).isPresent() ? Optional.empty() : Optional.of(folded);
            }
            value = folded;
        }
        return Optional.empty();
    }

    /**
     * Why an email or username is refused before it is even folded: it holds a character that
     * one program shows, trims or drops and another keeps (white space, controls, format
     * characters such as U+200B or U+FEFF, separators, characters that are invisible by default,
     * private-use, unassigned or lone surrogate code points), so that {@code root@example.org}
     * followed by U+00A0 would be a second account that an application trimming the header reads
     * as the first. The message names the character's code point, nothing else of the value.
     *
     * @param field the field's name for the message ({@code email} or {@code username})
     * @param loginName the value as typed
     * @return why the value is refused, or empty when it is accepted
     */
    public static Optional<String> loginNameViolation(String field, String loginName) {
        String value = stripSpaces(loginName);
        Optional<Integer> refused = firstRefused(value).or(() -> firstRefused(fold(value)));
        if (refused.isPresent()) {
            return Optional.of("%s must not hold white space, control, format, separator, invisible, private-use or unassigned characters (found U+%04X)"
                    .formatted(field, refused.get()));
        }
        return normalise(value).isPresent() ? Optional.empty() : Optional.of(field + " has no stable normal form");
    }

    /**
     * Why an email in its normal form is refused: it must be one {@code @} between a local part and a
     * domain, without spaces or the characters an address parser reads as structure, so that an
     * application parsing the email header cannot take it for another address.
     *
     * @param email the email in its normal form
     * @return why it is refused, or empty when it is accepted
     */
    public static Optional<String> emailViolation(String email) {
        return EMAIL.matcher(email).matches() ? Optional.empty()
                : Optional.of("email must look like name@domain, with no spaces and none of \" ( ) , : ; < > [ ] \\, at most 254 characters");
    }

    /**
     * Why a username in its normal form is refused: it must be 1 to 64 lower-case letters, digits,
     * {@code .}, {@code _} or {@code -}, starting with a letter or digit.
     *
     * @param username the username in its normal form
     * @return why it is refused, or empty when it is accepted
     */
    public static Optional<String> usernameViolation(String username) {
        return USERNAME.matcher(username).matches() ? Optional.empty()
                : Optional.of("username must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    /**
     * Why a first, last or display name is refused: longer than {@link #MAX_NAME_LENGTH} code points,
     * or holding control characters, which could forge lines in logs and headers.
     *
     * @param field the field's name for the message
     * @param value the name as given
     * @return why it is refused, or empty when it is accepted
     */
    public static Optional<String> nameViolation(String field, String value) {
        if (value.codePointCount(0, value.length()) > MAX_NAME_LENGTH) {
            return Optional.of(field + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(field + " must not contain control characters");
        }
        return Optional.empty();
    }

    /**
     * NFKC, full upper case ({@code ß} becomes {@code SS}), then each code point's own lower case:
     * unlike the locale-aware lower case of a whole string, that maps {@code İ} to {@code i}
     * and every sigma to {@code σ}, as {@code equalsIgnoreCase} and Unicode case folding do.
     */
    private static String fold(String value) {
        String upper = Normalizer.normalize(value, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder lower = new StringBuilder(upper.length());
        upper.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        return Normalizer.normalize(lower, Normalizer.Form.NFKC);
    }

    /** Only U+0020: every other space, however it looks, is refused rather than guessed at. */
    private static String stripSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    private static Optional<Integer> firstRefused(String value) {
        return value.codePoints().filter(UserFields::refused).boxed().findFirst();
    }

    private static boolean refused(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE -> true;
            default -> Character.isWhitespace(codePoint) || defaultIgnorable(codePoint);
        };
    }

    /**
     * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt) less what the categories
     * above refuse already: letters and marks that render as nothing, such as the Hangul fillers
     * and the variation selectors. The JDK has no query for this property.
     */
    private static boolean defaultIgnorable(int c) {
        return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
                || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8)
                || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
    }
}
