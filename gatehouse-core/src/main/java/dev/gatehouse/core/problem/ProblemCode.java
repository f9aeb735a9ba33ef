package dev.gatehouse.core.problem;

import java.util.Locale;

/**
 * Every reason Gatehouse refuses a request, the server and the middleware alike: the stable
 * {@code error} member of a problem answer, which clients branch on, and the status it is
 * answered with. Names and statuses never change once published; docs/API.md lists them all.
 */
public enum ProblemCode {
    /** The body is not a JSON object, repeats a key or holds more than one value. */
    INVALID_JSON(400),
    /** The body, or a percent-decoded form value, is not UTF-8. */
    INVALID_UTF8(400),
    /** Malformed URL encoding, or a form field given twice. */
    INVALID_FORM(400),
    /** An empty body where one is needed. */
    MISSING_BODY(400),
    /** A required field is absent or blank. */
    MISSING_FIELD(400),
    /** A field has the wrong type or shape. */
    INVALID_FIELD(400),
    /** A field the endpoint does not read. */
    UNKNOWN_FIELD(400),
    /** A bad query parameter. */
    INVALID_QUERY(400),
    /** The body could not be read. */
    UNREADABLE_BODY(400),
    /** The HTTP request itself is malformed. */
    BAD_REQUEST(400),
    /** A data-token check without a token. */
    MISSING_TOKEN(400),
    /** A text that is not a compact JWS with a JSON object payload. */
    MALFORMED_TOKEN(400),
    /** An OAuth grant type the token endpoint does not offer. */
    UNSUPPORTED_GRANT_TYPE(400),
    /** A refresh token that is malformed, unknown, expired, revoked or reused (one answer for all). */
    INVALID_GRANT(400),
    /** A path that proxies, apps and Gatehouse could read in different ways (dot segments, {@code ;}, encoded separators...). */
    BAD_PATH(400),
    /** A forward-auth request whose forwarded headers are missing, repeated, or sent by the wrong proxy. */
    BAD_FORWARDED_REQUEST(400),
    /** A forward-auth request without the original URI. */
    MISSING_ORIGINAL_URI(400),
    /** The API's own routes refuse method-override headers: a request is sent with its own method. */
    METHOD_OVERRIDE(400),
    /** The middleware met a method override whose value is not a method name. */
    BAD_METHOD_OVERRIDE(400),
    /** No credentials were sent. */
    UNAUTHENTICATED(401),
    /** Wrong login or password: one answer for both, so that logins cannot be probed. */
    INVALID_CREDENTIALS(401),
    /** The session cookie is unknown, ended, expired or malformed. */
    INVALID_SESSION(401),
    /** More than one session cookie was sent. */
    MALFORMED_COOKIE(401),
    /** A Basic header that is not base64 of {@code login:password}, or {@code Bearer} without a token. */
    MALFORMED_CREDENTIALS(401),
    /** The bearer access token is malformed, forged, expired, revoked, or names a session or user that is gone. */
    INVALID_TOKEN(401),
    /** An {@code Authorization} scheme other than Basic and Bearer. */
    UNSUPPORTED_AUTH_SCHEME(401),
    /** The credential's method is not turned on. */
    AUTH_METHOD_NOT_ENABLED(401),
    /** {@code GET /unauthorized}, which always answers 401. */
    UNAUTHORIZED(401),
    /** Signed in but not allowed. */
    FORBIDDEN(403),
    /** A state-changing request a browser sent from another site's page. */
    CROSS_SITE_REQUEST(403),
    /** Creating a user is not open to this caller. */
    REGISTRATION_CLOSED(403),
    /** A forward-auth request from an address that is not a configured proxy. */
    UNTRUSTED_PROXY(403),
    /** No such route or resource. */
    NOT_FOUND(404),
    /** The route exists for other methods. */
    METHOD_NOT_ALLOWED(405),
    /** The email or username is taken. */
    USER_EXISTS(409),
    /** Demoting or deleting the only admin. */
    LAST_ADMIN(409),
    /** A client with that id is registered already. */
    CLIENT_EXISTS(409),
    /** The client changed between its reading and a change to it, which was not made. */
    CLIENT_CHANGED(409),
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413),
    /** The request URI is longer than the server accepts. */
    URI_TOO_LONG(414),
    /** A content type or charset the endpoint does not take. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** Too many failed password checks or registrations: refused before any password is checked. */
    TOO_MANY_ATTEMPTS(429),
    /** The request headers are larger than the server accepts. */
    HEADERS_TOO_LARGE(431),
    /** A fault of the server; details are only in its log. */
    INTERNAL_ERROR(500),
    /** Every password-hashing slot is busy. */
    BUSY(503),
    /** The store could not answer: nothing is allowed meanwhile (fail closed). */
    STORE_UNAVAILABLE(503),
    /** The middleware could not ask the server about a session cookie: nothing that needs a sign-in is allowed. */
    AUTH_UNAVAILABLE(503);

    private final int status;
    private final String code;

    ProblemCode(int status) {
        this.status = status;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status this problem is answered with, unless an edge must answer otherwise (see {@link Problem#withStatus}).
     *
     * @return the HTTP status, 4xx or 5xx
     */
    public int status() {
        return status;
    }

    /**
     * The {@code error} member: the constant's name in lower case, such as {@code invalid_credentials}.
     *
     * @return the stable code
     */
    public String code() {
        return code;
    }
}
