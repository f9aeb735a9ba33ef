package dev.gatehouse.core.access;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Turns a raw request path into the path an upstream will act on, so that a rule can never
 * be skipped by spelling a path differently ({@code /public/%2e%2e/admin}, {@code //admin},
 * {@code /ADMIN}, {@code /admin;x=1}, {@code /public/..;/admin}).
 *
 * <p>Upstreams disagree on the finer points (whether {@code ;} ends a segment, whether
 * {@code %2f} is a slash, whether case matters), so the normaliser takes the reading that
 * makes a rule match more, and refuses ({@link NormalisedPath.Invalid}) anything that two
 * reasonable upstreams could read as two different paths. The steps:
 * <ol>
 *   <li>drop the query and fragment (the first raw {@code ?} or {@code #});</li>
 *   <li>refuse a path that does not start with {@code /}, is longer than
 *       {@value #MAX_LENGTH} characters, or holds a backslash or a control character;</li>
 *   <li>drop {@code ;} parameters from every segment, as servlet containers do;</li>
 *   <li>percent-decode once as strict UTF-8, refusing malformed escapes, invalid or overlong
 *       UTF-8, and escapes of characters with a meaning in a path ({@code %2f / %5c \ %25 %
 *       %3b ; %3f ? %23 #}: an encoded {@code %} is double encoding);</li>
 *   <li>collapse empty segments ({@code //}), resolve {@code .} and {@code ..}, refusing a
 *       {@code ..} that climbs above the root;</li>
 *   <li>drop a trailing slash except for the root ({@link PathPattern.Prefix} matches on
 *       segment boundaries, so {@code /admin/} and {@code /admin} are the same to a rule);</li>
 *   <li>fold case, upper then lower, so that characters whose upper case is ASCII (the dotless
 *       {@code ı}, the long {@code ſ}, the Kelvin sign) fold to the letters a case-insensitive
 *       upstream takes them for.</li>
 * </ol>
 * The result is a fixed point: normalising an {@code Ok} path again gives the same path.
 */
public final class PathNormaliser {
    /** Longer paths are refused rather than processed: no real route is this long. */
    public static final int MAX_LENGTH = 4096;

    private PathNormaliser() {
    }

    /** Never throws for bad input: a null, empty or unreadable path is {@code Invalid}. */
    public static NormalisedPath normalise(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return new NormalisedPath.Invalid("empty path");
        }
        String path = withoutQueryOrFragment(rawPath);
        if (path.length() > MAX_LENGTH) {
            return new NormalisedPath.Invalid("path longer than " + MAX_LENGTH + " characters");
        }
        if (!path.startsWith("/")) {
            return new NormalisedPath.Invalid("path does not start with '/'");
        }
        try {
            checkRawCharacters(path);
            return new NormalisedPath.Ok(foldCase(resolve(path)));
        } catch (Refused refused) {
            return new NormalisedPath.Invalid(refused.getMessage());
        }
    }

    private static String withoutQueryOrFragment(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '?' || c == '#') {
                return raw.substring(0, i);
            }
        }
        return raw;
    }

    private static void checkRawCharacters(String path) throws Refused {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                // Windows and some proxies treat it as a separator, others as a character.
                throw new Refused("backslash in path");
            }
            if (Character.isISOControl(c)) {
                throw new Refused("control character in path");
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(path, i)) {
                throw new Refused("unpaired surrogate in path");
            }
        }
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String resolve(String path) throws Refused {
        Deque<String> segments = new ArrayDeque<>();
        for (String rawSegment : path.substring(1).split("/", -1)) {
            String segment = decode(withoutParameters(rawSegment));
            switch (segment) {
                case "", "." -> {
                }
                case ".." -> {
                    if (segments.isEmpty()) {
                        throw new Refused("'..' climbs above the root");
                    }
                    segments.removeLast();
                }
                default -> segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    private static String decode(String segment) throws Refused {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '%') {
                bytes.write(escapedByte(segment, i));
                i += 3;
            } else {
                int end = i + Character.charCount(segment.codePointAt(i));
                bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        String decoded = strictUtf8(bytes.toByteArray());
        for (int k = 0; k < decoded.length(); k++) {
            if (Character.isISOControl(decoded.charAt(k))) {
                throw new Refused("encoded control character in path");
            }
        }
        return decoded;
    }

    private static int escapedByte(String segment, int at) throws Refused {
        if (at + 2 >= segment.length()) {
            throw new Refused("truncated percent escape");
        }
        int high = Character.digit(segment.charAt(at + 1), 16);
        int low = Character.digit(segment.charAt(at + 2), 16);
        if (high < 0 || low < 0 || !isAsciiHex(segment.charAt(at + 1)) || !isAsciiHex(segment.charAt(at + 2))) {
            throw new Refused("malformed percent escape");
        }
        int b = high * 16 + low;
        switch (b) {
            case '/', '\\' -> throw new Refused("encoded slash or backslash in path");
            case '%' -> throw new Refused("encoded '%' in path (double encoding)");
            case ';', '?', '#' -> throw new Refused("encoded '" + (char) b + "' in path");
            default -> {
                return b;
            }
        }
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String strictUtf8(byte[] bytes) throws Refused {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            // Includes overlong forms such as %C0%AE for '.', which some decoders once accepted.
            throw new Refused("invalid UTF-8 in path");
        }
    }

    private static String foldCase(String path) {
        return path.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Internal control flow only: the public API answers with {@link NormalisedPath.Invalid}. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
