package dev.gatehouse.http;

import dev.gatehouse.core.authn.Credential;
import dev.gatehouse.core.problem.ProblemCode;
import io.javalin.http.Context;
import jakarta.servlet.http.Cookie;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the credential a request presents: an {@code Authorization} header wins over the session
 * cookie, because a client that sends one means it. A credential that cannot even be read is a
 * 401 here, before any lookup.
 */
final class CredentialReader {
    private final String cookieName;
    private final Challenges challenges;

    CredentialReader(String cookieName, Challenges challenges) {
        this.cookieName = cookieName;
        this.challenges = challenges;
    }

    Optional<Credential> read(Context ctx) {
        List<String> authorizations = Collections.list(ctx.req().getHeaders("Authorization"));
        if (authorizations.size() > 1) {
            // Which one counts? A proxy or an app may read the other: two are refused, as two session cookies are.
            throw challenges.unauthorized(ProblemCode.MALFORMED_CREDENTIALS, "more than one Authorization header was sent");
        }
        if (!authorizations.isEmpty()) {
            return Optional.of(fromAuthorization(authorizations.getFirst()));
        }
        return sessionCookie(ctx).map(Credential.SessionCookie::new);
    }

    /** The session cookie's value; two cookies of that name are refused (cookie tossing). */
    Optional<String> sessionCookie(Context ctx) {
        Cookie[] cookies = ctx.req().getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        String found = null;
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(cookieName)) {
                if (found != null) {
                    throw challenges.unauthorized(ProblemCode.MALFORMED_COOKIE, "more than one session cookie was sent");
                }
                found = cookie.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    private Credential fromAuthorization(String header) {
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.equals("bearer")) {
            String token = space < 0 ? "" : header.substring(space + 1).trim();
            if (token.isEmpty()) {
                throw challenges.unauthorized(ProblemCode.MALFORMED_CREDENTIALS, "the Bearer token is missing");
            }
            return new Credential.Bearer(token);
        }
        if (!scheme.equals("basic")) {
            throw challenges.unauthorized(ProblemCode.UNSUPPORTED_AUTH_SCHEME, "the Authorization scheme is not supported here");
        }
        String encoded = header.substring(space + 1).trim();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw challenges.unauthorized(ProblemCode.MALFORMED_CREDENTIALS, "the Basic credentials are not valid base64 of UTF-8 text");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw challenges.unauthorized(ProblemCode.MALFORMED_CREDENTIALS, "the Basic credentials must be login:password");
        }
        return new Credential.Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
