package dev.gatehouse.core.access;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a raw request path (the request target as the upstream receives it) into the one path
 * every common upstream would route it to, or refuses it: a rule can never be skipped by
 * spelling a path differently.
 *
 * <p>The proxies in front of an app pass the raw request target on (nginx's
 * {@code $request_uri}), and apps disagree on how to read it: Express and Go's mux resolve
 * {@code ..}, Spring and Tomcat drop {@code ;} parameters, Rails squeezes {@code //}, some URL
 * parsers take a leading {@code //} for a host name. A path whose meaning depends on who reads
 * it is therefore <b>refused</b> ({@link NormalisedPath.Invalid}), never resolved: resolving
 * {@code /admin/../public/x} to {@code /public/x} would open {@code /admin} to an app that
 * routes the raw target. Refused:
 * <ul>
 *   <li>a path that does not start with {@code /} (an absolute-form target included), is longer
 *       than {@value #MAX_LENGTH} characters, or holds a raw character outside printable ASCII
 *       (controls, space, non-ASCII: request targets are ASCII, and a proxy and an app could
 *       decode raw bytes with two charsets), a backslash (a separator on Windows and to some
 *       proxies) or a {@code #};</li>
 *   <li>any {@code ;} (servlet containers drop {@code ;} parameters, other servers keep them as
 *       part of the segment, so {@code /public/..;/admin} is two paths);</li>
 *   <li>malformed or overlong percent escapes and invalid UTF-8, and escapes of characters with a
 *       meaning in a path ({@code %2f / %5c \ %25 % %3b ; %3f ? %23 #}, controls);</li>
 *   <li>escapes of characters that are never escaped (letters, digits, {@code - . _ ~}, RFC 3986
 *       2.3): apps that route the raw path (Javalin, Express) send {@code /files/%72eadme.txt} to
 *       another handler than apps that decode first (servlet containers, Spring), so no one
 *       reading of it is safe;</li>
 *   <li>any {@code .} or {@code ..} segment, raw or percent-encoded ({@code %2e%2e}, {@code .%2E});</li>
 *   <li>an empty segment ({@code //}) anywhere but a trailing slash. Some apps collapse it (Rails,
 *       Tomcat, Werkzeug), others keep it (Express), and URL parsers read a leading {@code //} as
 *       a host name ({@code //public/admin} would be host {@code public}, path {@code /admin},
 *       while collapsing judges {@code /public/admin}). No reading is safe for every app, and no
 *       real link needs one, so it is refused rather than collapsed.</li>
 * </ul>
 * What an app could route to a protected path while reading it plainly falls under that path's
 * rule: escapes of other characters are decoded once ({@code /adm%C4%B1n} is {@code /admın}), a
 * trailing slash is dropped ({@link PathPattern.Prefix} matches on segment boundaries, so
 * {@code /admin/} and {@code /admin} are the same to a rule), and case is folded, upper then
 * lower, so that {@code /ADMIN} is {@code /admin} for case-insensitive apps and characters whose
 * upper case is ASCII (the dotless {@code ı}, the long {@code ſ}, the Kelvin sign) fold to the
 * letters such an app takes them for. The spelling with the case as sent is kept beside it
 * ({@link NormalisedPath.Ok#asWritten()}) for apps that route case-sensitively. The query (from
 * the first {@code ?}) is not part of the path.
 */
public final class PathNormaliser {
    /** Longer paths are refused rather than processed: no real route is this long. */
    public static final int MAX_LENGTH = 4096;

    private PathNormaliser() {
    }

    /**
     * Never throws for bad input: a null, empty, ambiguous or unreadable path is {@code Invalid}.
     *
     * @param rawPath the request target's path as the upstream receives it, still percent-encoded; a
     *        query after {@code ?} is ignored
     * @return the path in its two spellings, or why it is refused
     */
    public static NormalisedPath normalise(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return new NormalisedPath.Invalid("empty path");
        }
        String path = withoutQuery(rawPath);
        if (path.length() > MAX_LENGTH) {
            return new NormalisedPath.Invalid("path longer than " + MAX_LENGTH + " characters");
        }
        if (!path.startsWith("/")) {
            return new NormalisedPath.Invalid("path does not start with '/'");
        }
        try {
            checkRawCharacters(path);
            String decoded = decodeSegments(path);
            return new NormalisedPath.Ok(foldCase(decoded), decoded);
        } catch (Refused refused) {
            return new NormalisedPath.Invalid(refused.getMessage());
        }
    }

    private static String withoutQuery(String raw) {
        int question = raw.indexOf('?');
        return question < 0 ? raw : raw.substring(0, question);
    }

    private static void checkRawCharacters(String path) throws Refused {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                throw new Refused("backslash in path");
            }
            if (c == ';') {
                throw new Refused("';' in path");
            }
            if (c == '#') {
                throw new Refused("'#' in path");
            }
            if (c <= ' ' || c >= 0x7f) {
                throw new Refused("raw character outside printable ASCII in path");
            }
        }
    }

    private static String decodeSegments(String path) throws Refused {
        String[] rawSegments = path.substring(1).split("/", -1);
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < rawSegments.length; i++) {
            String segment = decode(rawSegments[i]);
            boolean trailing = i == rawSegments.length - 1;
            if (segment.isEmpty() && !trailing) {
                throw new Refused("empty segment ('//') in path");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new Refused("'" + segment + "' segment in path");
            }
            if (!segment.isEmpty()) {
                decoded.append('/').append(segment);
            }
        }
        return decoded.isEmpty() ? "/" : decoded.toString();
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
                bytes.write(c); // printable ASCII: checkRawCharacters refused anything else
                i++;
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
        if (isUnreserved(b)) {
            // RFC 3986 2.3: never escaped by a conforming client; routers that match the raw path
            // (Javalin, Express) and routers that decode first (servlet containers, Spring) read
            // /files/%72eadme.txt as two different paths.
            throw new Refused("escaped letter, digit or '-._~' in path");
        }
        switch (b) {
            case '/', '\\' -> throw new Refused("encoded slash or backslash in path");
            case '%' -> throw new Refused("encoded '%' in path (double encoding)");
            case ';', '?', '#' -> throw new Refused("encoded '" + (char) b + "' in path");
            default -> {
                return b;
            }
        }
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
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
