package dev.gatehouse.oidc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Whether an {@code Authorization} header is one reading only. HTTP Basic (RFC 7617) is the scheme,
 * one space, and padded standard Base64 of UTF-8 text holding a colon; a Bearer or other scheme is
 * left to the SDK, which refuses it as client authentication.
 */
final class BasicCredentials {
    private static final String SCHEME = "basic ";

    private BasicCredentials() {
    }

    static boolean isBasic(String header) {
        return header.length() >= SCHEME.length() && header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME);
    }

    /** A Basic header whose credentials decode exactly (canonical Base64, valid UTF-8, a colon); any other scheme passes. */
    static boolean isCanonical(String header) {
        if (!isBasic(header)) {
            return true;
        }
        String encoded = header.substring(SCHEME.length());
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(encoded)) {
            return false;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
            return text.indexOf(':') > 0;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
