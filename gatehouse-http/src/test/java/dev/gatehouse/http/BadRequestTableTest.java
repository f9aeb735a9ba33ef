package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a request can be wrong, each with the status and stable {@code error} code it must
 * get, always as RFC 9457 problem+json and never with a trace of the server's insides. All rows
 * run against one server; the last test checks that none of them damaged its state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRequestTableTest {
    private static final String API = "/api/v1";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String COOKIE = "gatehouse_session";

    private static final String USER_EMAIL = "carol@example.com";
    private static final String USER_PASSWORD = "carol's long password";
    private static final String ADMIN_EMAIL = "root@example.com";
    private static final String ADMIN_PASSWORD = "the admin's password";
    private static final String ADMIN_BASIC = Api.basic(ADMIN_EMAIL, ADMIN_PASSWORD);
    private static final String USER_BASIC = Api.basic(USER_EMAIL, USER_PASSWORD);
    /** The shape of a real token (43 base64url characters, canonical last one) that no session has. */
    private static final String UNKNOWN_TOKEN = "A".repeat(43);
    private static final int MAX_BODY = 64 * 1024;

    private static TestGatehouse gatehouse;
    private static Api api;
    private static String userId;
    private static String userCookie;

    @BeforeAll
    static void start() {
        // Every row runs against one server from one address: the registration limit would refuse the later rows.
        gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "0"));
        api = gatehouse.api();
        gatehouse.users.ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD);
        Api.Reply created = api.postJson(API + "/users", Map.of("email", USER_EMAIL, "password", USER_PASSWORD, "first_name", "Carol"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        userId = created.json().path("id").asText();
        Api.Reply login = api.postJson(API + "/auth/login", Map.of("email", USER_EMAIL, "password", USER_PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        userCookie = login.cookie(COOKIE).orElseThrow();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    /**
     * One bad request and what it must get. {@code expectHeader} names a header the answer must
     * carry; {@code rawHead}, when set, is sent as is over a socket (request line and headers).
     */
    record Row(String name, String method, String path, List<String> headers, String contentType, byte[] body,
               boolean chunked, String rawHead, int status, String error, String expectHeader) {
        Row header(String headerName, String value) {
            List<String> more = new ArrayList<>(headers);
            more.add(headerName);
            more.add(value);
            return new Row(name, method, path, List.copyOf(more), contentType, body, chunked, rawHead, status, error, expectHeader);
        }

        Row expectingHeader(String headerName) {
            return new Row(name, method, path, headers, contentType, body, chunked, rawHead, status, error, headerName);
        }

        Row chunkedBody() {
            return new Row(name, method, path, headers, contentType, body, true, rawHead, status, error, expectHeader);
        }

        @Override
        public String toString() {
            return name + ": " + method + " " + path + " -> " + status + " " + error;
        }
    }

    private static Row row(String name, String method, String path, String contentType, byte[] body, int status, String error) {
        return new Row(name, method, path, List.of(), contentType, body, false, null, status, error, null);
    }

    /** A request only a bare socket sends: {@code head} is the request line and headers. */
    private static Row rawRow(String name, String head, String body, int status, String error) {
        String[] requestLine = head.split(" ");
        return new Row(name, requestLine[0], requestLine[1], List.of(), null, utf8(body), false, head, status, error, null);
    }

    private static Row get(String name, String path, int status, String error) {
        return row(name, "GET", path, null, new byte[0], status, error);
    }

    private static Row postJson(String name, String path, String json, int status, String error) {
        return row(name, "POST", path, JSON, utf8(json), status, error);
    }

    private static Row postForm(String name, String path, String form, int status, String error) {
        return row(name, "POST", path, FORM, utf8(form), status, error);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = utf8(before);
        byte[] c = utf8(after);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    private static String basicOfBytes(byte... bytes) {
        return "Basic " + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] oversizedJson() {
        String filler = "x".repeat(MAX_BODY);
        return utf8("{\"email\":\"big@example.com\",\"password\":\"long enough\",\"first_name\":\"" + filler + "\"}");
    }

    static List<Row> rows() {
        String login = API + "/auth/login";
        String users = API + "/users";
        String me = API + "/users/me";
        return List.of(
                // Bodies that are not JSON objects, or hold the wrong kind of value.
                postJson("malformed JSON", login, "{\"email\": \"carol@example.com\", ", 400, "invalid_json"),
                postJson("JSON with a bare word", login, "{email: carol}", 400, "invalid_json"),
                postJson("JSON array instead of object", login, "[{\"email\":\"carol@example.com\",\"password\":\"x\"}]", 400, "invalid_json"),
                postJson("JSON string instead of object", users, "\"carol@example.com\"", 400, "invalid_json"),
                postJson("JSON number instead of object", users, "42", 400, "invalid_json"),
                postJson("non-string field (number)", login, "{\"email\":\"carol@example.com\",\"password\":12345678}", 400, "invalid_field"),
                postJson("non-string field (object)", users, "{\"email\":{\"a\":\"b\"},\"password\":\"long enough\"}", 400, "invalid_field"),
                postJson("non-string field (boolean)", users, "{\"email\":\"x@example.com\",\"password\":true}", 400, "invalid_field"),
                postJson("duplicate JSON keys", login, "{\"email\":\"carol@example.com\",\"password\":\"a\",\"password\":\"b\"}", 400, "invalid_json"),
                postJson("two JSON objects in one body", login,
                        "{\"email\":\"carol@example.com\",\"password\":\"wrong password\"}{\"password\":\"" + USER_PASSWORD + "\"}", 400, "invalid_json"),

                // Content types and charsets.
                row("text/plain body", "POST", login, "text/plain", utf8("email=carol@example.com&password=x"), 415, "unsupported_media_type"),
                row("no Content-Type", "POST", login, null, utf8("{\"email\":\"carol@example.com\",\"password\":\"x\"}"), 415, "unsupported_media_type"),
                row("multipart body", "POST", users, "multipart/form-data; boundary=xyz", utf8("--xyz--"), 415, "unsupported_media_type"),
                row("JSON in ISO-8859-1", "POST", login, "application/json; charset=ISO-8859-1",
                        utf8("{\"email\":\"carol@example.com\",\"password\":\"x\"}"), 415, "unsupported_media_type"),
                row("form in UTF-16", "POST", login, FORM + "; charset=utf-16", utf8("email=a"), 415, "unsupported_media_type"),

                // Size limit (64 KiB by default), announced by Content-Length and found only by reading.
                row("body over the limit", "POST", users, JSON, oversizedJson(), 413, "payload_too_large"),
                row("chunked body over the limit", "POST", users, JSON, oversizedJson(), 413, "payload_too_large").chunkedBody(),

                // Encoding.
                row("invalid UTF-8 in JSON", "POST", login, JSON,
                        concat("{\"email\":\"carol@example.com\",\"password\":\"", new byte[]{(byte) 0xC3, (byte) 0x28}, "\"}"), 400, "invalid_utf8"),
                row("overlong UTF-8 in JSON", "POST", users, JSON,
                        concat("{\"email\":\"", new byte[]{(byte) 0xC0, (byte) 0xAF}, "@example.com\",\"password\":\"long enough\"}"), 400, "invalid_utf8"),
                row("invalid UTF-8 bytes in a form", "POST", login, FORM,
                        concat("email=carol%40example.com&password=", new byte[]{(byte) 0xFF, (byte) 0xFE}, ""), 400, "invalid_utf8"),
                postForm("percent-encoded invalid UTF-8 in a form", login, "email=carol%40example.com&password=%FF%FEabcdefgh", 400, "invalid_utf8"),
                postForm("bad percent-encoding in a form", login, "email=carol%zzexample.com&password=abcdefgh", 400, "invalid_form"),
                postForm("truncated percent-encoding in a form", login, "email=carol%40example.com&password=abc%4", 400, "invalid_form"),
                postForm("a form field given twice", login, "email=carol%40example.com&password=a&password=b", 400, "invalid_form"),

                // Empty bodies and missing fields.
                postJson("empty JSON body", login, "", 400, "missing_body"),
                postJson("blank JSON body", users, "  \r\n ", 400, "missing_body"),
                postForm("empty form body", login, "", 400, "missing_body"),
                postJson("login without password", login, "{\"email\":\"carol@example.com\"}", 400, "missing_field"),
                postJson("login with an empty password", login, "{\"email\":\"carol@example.com\",\"password\":\"\"}", 400, "missing_field"),
                postJson("login without email or username", login, "{\"password\":\"" + USER_PASSWORD + "\"}", 400, "missing_field"),
                postJson("login with a blank email", login, "{\"email\":\"  \",\"password\":\"" + USER_PASSWORD + "\"}", 400, "missing_field"),
                postForm("form login without password", login, "email=carol%40example.com", 400, "missing_field"),
                postForm("form login without email", login, "password=abcdefgh", 400, "missing_field"),
                postJson("register without password", users, "{\"email\":\"new@example.com\"}", 400, "missing_field"),
                postJson("register without email or username", users, "{\"password\":\"long enough\",\"first_name\":\"A\"}", 400, "missing_field"),
                postForm("form register without email or username", users, "name=Ann&password=long+enough", 400, "missing_field"),
                postJson("register with empty email and username", users, "{\"email\":\"\",\"username\":\" \",\"password\":\"long enough\"}", 400, "missing_field"),

                // Values that are present but wrong.
                postJson("register with an invalid email", users, "{\"email\":\"not-an-email\",\"password\":\"long enough\"}", 400, "invalid_field"),
                postJson("register with an invalid username", users, "{\"username\":\"has space\",\"password\":\"long enough\"}", 400, "invalid_field"),
                postJson("register with a short password", users, "{\"email\":\"new@example.com\",\"password\":\"short\"}", 400, "invalid_field"),
                postJson("register with an unknown role", users, "{\"email\":\"new@example.com\",\"password\":\"long enough\",\"role\":\"root\"}", 400, "invalid_field"),
                postJson("register with a control character in a name", users,
                        "{\"email\":\"new@example.com\",\"password\":\"long enough\",\"first_name\":\"A\\u0007\"}", 400, "invalid_field"),
                postJson("register a duplicate email (other case)", users, "{\"email\":\"CAROL@example.com\",\"password\":\"long enough\"}", 409, "user_exists"),
                postJson("register as admin without credentials", users, "{\"email\":\"boss@example.com\",\"password\":\"long enough\",\"role\":\"admin\"}",
                        401, "unauthenticated").expectingHeader("WWW-Authenticate"),
                postJson("register as admin as a common user", users, "{\"email\":\"boss@example.com\",\"password\":\"long enough\",\"role\":\"admin\"}",
                        403, "forbidden").header("Authorization", USER_BASIC),
                postJson("login with a wrong password", login, "{\"email\":\"carol@example.com\",\"password\":\"not carol's password\"}",
                        401, "invalid_credentials").expectingHeader("WWW-Authenticate"),

                // Routing.
                get("unknown API route", API + "/nothing-here", 404, "not_found"),
                get("unknown route outside the API", "/definitely/not/here", 404, "not_found"),
                row("wrong method on /status", "PATCH", API + "/status", null, new byte[0], 405, "method_not_allowed").expectingHeader("Allow"),
                row("wrong method on /auth/login", "GET", login, null, new byte[0], 405, "method_not_allowed").expectingHeader("Allow"),
                row("wrong method on /users/me", "POST", me, JSON, utf8("{}"), 405, "method_not_allowed").expectingHeader("Allow"),

                // Requests Jetty refuses before any route runs.
                rawRow("bad percent-encoding in the path", "GET " + API + "/users/%zz HTTP/1.1", "", 400, "bad_request"),
                get("NUL in the path", API + "/users/%00", 400, "bad_request").header("Authorization", ADMIN_BASIC),
                rawRow("Content-Length not a number", "POST " + login + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ten",
                        "{}", 400, "bad_request"),
                rawRow("PUT with two Content-Lengths", "PUT " + API + "/users/" + "6f1c1a52-3a5e-4f53-9d43-0a3c1b8e2d11"
                        + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3", "{}", 400, "bad_request"),
                get("headers too large", me, 431, "headers_too_large").header("Cookie", COOKIE + "=" + "A".repeat(70_000)),
                get("URI too long", API + "/users/" + "a".repeat(70_000), 414, "uri_too_long"),

                // Credentials that cannot be read, or are refused.
                get("no credentials", me, 401, "unauthenticated"),
                get("malformed session cookie", me, 401, "invalid_session").header("Cookie", COOKIE + "=not-a-session"),
                get("session cookie of the wrong length", me, 401, "invalid_session").header("Cookie", COOKIE + "=" + "A".repeat(44)),
                get("unknown well-formed session cookie", me, 401, "invalid_session").header("Cookie", COOKIE + "=" + UNKNOWN_TOKEN),
                get("two session cookies", me, 401, "malformed_cookie").header("Cookie", COOKIE + "=" + UNKNOWN_TOKEN + "; " + COOKIE + "=" + UNKNOWN_TOKEN),
                get("Basic that is not base64", me, 401, "malformed_credentials").header("Authorization", "Basic !!!not*base64!!!"),
                get("Basic without a colon", me, 401, "malformed_credentials").header("Authorization", basicOfBytes(utf8("carol@example.com"))),
                get("Basic with an empty login", me, 401, "malformed_credentials").header("Authorization", basicOfBytes(utf8(":" + USER_PASSWORD))),
                get("Basic of invalid UTF-8", me, 401, "malformed_credentials")
                        .header("Authorization", basicOfBytes((byte) 0xFF, (byte) 0xFE, (byte) ':', (byte) 'x')),
                get("Basic with nothing after the scheme", me, 401, "malformed_credentials").header("Authorization", "Basic"),
                get("Bearer when jwt is off", me, 401, "auth_method_not_enabled").header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30."),
                get("Digest scheme", me, 401, "unsupported_auth_scheme").header("Authorization", "Digest username=\"carol\""),
                get("Basic with a wrong password", me, 401, "invalid_credentials").header("Authorization", Api.basic(USER_EMAIL, "wrong password")),
                get("Basic of an unknown user", me, 401, "invalid_credentials").header("Authorization", Api.basic("nobody@example.com", "wrong password")),

                // Resources that do not exist, and queries that make no sense.
                get("unknown user id", API + "/users/6f1c1a52-3a5e-4f53-9d43-0a3c1b8e2d11", 404, "not_found").header("Authorization", ADMIN_BASIC),
                get("malformed uuid in path", API + "/users/not-a-uuid", 404, "not_found").header("Authorization", ADMIN_BASIC),
                get("short-form uuid in path", API + "/users/1-1-1-1-1", 404, "not_found").header("Authorization", ADMIN_BASIC),
                row("delete a malformed session id", "DELETE", API + "/sessions/12345", null, new byte[0], 404, "not_found")
                        .header("Authorization", USER_BASIC),
                row("delete an unknown session id", "DELETE", API + "/sessions/6f1c1a52-3a5e-4f53-9d43-0a3c1b8e2d11", null, new byte[0], 404, "not_found")
                        .header("Authorization", USER_BASIC),
                get("page zero", users + "?page=0", 400, "invalid_query").header("Authorization", ADMIN_BASIC),
                get("page not a number", users + "?page=two", 400, "invalid_query").header("Authorization", ADMIN_BASIC),
                get("per_page over the maximum", users + "?per_page=101", 400, "invalid_query").header("Authorization", ADMIN_BASIC),
                get("negative per_page", users + "?per_page=-5", 400, "invalid_query").header("Authorization", ADMIN_BASIC),
                get("page past int range", users + "?page=99999999999", 400, "invalid_query").header("Authorization", ADMIN_BASIC),

                // The data token service.
                row("create a token from a form", "POST", API + "/tokens", FORM, utf8("user_data=x"), 415, "unsupported_media_type"),
                row("create a token without Content-Type", "POST", API + "/tokens", null, utf8("{\"user_data\":\"x\"}"), 415, "unsupported_media_type"),
                postJson("create a token without user_data", API + "/tokens", "{\"data\":\"x\"}", 400, "missing_field"),
                postJson("create a token with non-string user_data", API + "/tokens", "{\"user_data\":{\"a\":1}}", 400, "invalid_field"),
                row("verify as text/plain", "POST", API + "/tokens/verify", "text/plain", utf8("{\"token\":\"a.b.c\"}"), 415, "unsupported_media_type"),
                row("compatibility verify (GET) without Content-Type", "GET", API + "/tokens/verify", null, utf8("{\"Token\":\"a.b.c\"}"), 415, "unsupported_media_type"),
                postJson("verify without a token", API + "/tokens/verify", "{\"signing_key\":\"k\"}", 400, "missing_token"),
                postJson("verify with an empty token", API + "/tokens/verify", "{\"token\":\"\"}", 400, "missing_token"),
                row("compatibility verify (GET) without a token", "GET", API + "/tokens/verify", JSON, utf8("{\"Signing_key\":\"k\"}"), 400, "missing_token"),
                postJson("verify a token that is not a JWS", API + "/tokens/verify", "{\"token\":\"not-a-token\"}", 400, "malformed_token"),
                postJson("verify a token of four parts", API + "/tokens/verify", "{\"token\":\"a.b.c.d\"}", 400, "malformed_token"),
                row("compatibility verify (GET) of garbage", "GET", API + "/tokens/verify", JSON, utf8("{\"Token\":\"x.y\"}"), 400, "malformed_token"),
                row("wrong method on /tokens", "GET", API + "/tokens", null, new byte[0], 405, "method_not_allowed").expectingHeader("Allow"),

                // Permissions and the fixed-answer endpoints.
                get("users list as a common user", users, 403, "forbidden").header("Authorization", USER_BASIC),
                get("stats without credentials", API + "/stats", 401, "unauthenticated"),
                get("stats as a common user", API + "/stats", 403, "forbidden").header("Authorization", USER_BASIC),
                get("GET /unauthorized", API + "/unauthorized", 401, "unauthorized"),
                get("GET /forbidden", API + "/forbidden", 403, "forbidden"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersWithAProblem(Row row) {
        Api.Reply reply;
        if (row.rawHead() != null) {
            reply = api.sendRaw(row.rawHead(), row.body());
        } else {
            Api.Call call = api.call(row.method(), row.path()).headers(row.headers().toArray(String[]::new)).raw(row.contentType(), row.body());
            if (row.chunked()) {
                call.chunked();
            }
            reply = call.send();
        }

        assertThat(reply.status()).as(reply.body()).isEqualTo(row.status());
        assertThat(reply.header("Content-Type")).as("Content-Type").hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = reply.json();
        assertThat(problem.isObject()).isTrue();
        for (String member : List.of("type", "title", "status", "detail", "error")) {
            assertThat(problem.has(member)).as("member %s in %s", member, reply.body()).isTrue();
        }
        assertThat(problem.path("type").isTextual()).isTrue();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("status").isInt()).isTrue();
        assertThat(problem.path("status").asInt()).isEqualTo(reply.status());
        assertThat(reply.error()).isEqualTo(row.error());
        assertRevealsNothing(reply.body());
        if (reply.status() == 401) {
            assertThat(reply.header("WWW-Authenticate")).as("a 401 names its challenge").isPresent();
        }
        if (row.expectHeader() != null) {
            assertThat(reply.header(row.expectHeader())).as(row.expectHeader()).hasValueSatisfying(v -> assertThat(v).isNotBlank());
        }
        if (row.status() == 405) {
            assertThat(reply.header("Allow").orElseThrow()).doesNotContain(row.method()).doesNotContain("[");
        }
    }

    static void assertRevealsNothing(String body) {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("exception")
                .doesNotContain("\tat ")
                .doesNotContainPattern("\\bat [a-z]+\\.[a-z]+\\.")
                .doesNotContainPattern("\\b(java|javax|jakarta|com\\.fasterxml|io\\.javalin|org\\.eclipse|dev\\.gatehouse)\\.")
                .doesNotContain("Caused by")
                .doesNotContain("line: ")
                .doesNotContain("Source:")
                .doesNotContain("argon2");
    }

    @Order(2)
    @Test
    void theServerStateIsIntactAfterEveryBadRequest() {
        // Exactly the two accounts made in start(): no bad registration created one.
        assertThat(gatehouse.users.count()).isEqualTo(2);
        assertThat(gatehouse.users.findByLogin("new@example.com")).isEmpty();
        assertThat(gatehouse.users.findByLogin("boss@example.com")).isEmpty();
        assertThat(gatehouse.users.findByLogin("big@example.com")).isEmpty();

        Api.Reply me = api.get(API + "/users/me", "Cookie", COOKIE + "=" + userCookie);
        assertThat(me.status()).as("the session opened before the bad requests still works").isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(userId);
        assertThat(me.json().path("first_name").asText()).isEqualTo("Carol");

        Api.Reply login = api.postForm(API + "/auth/login", Map.of("email", USER_EMAIL, "password", USER_PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("id").asText()).isEqualTo(userId);
        assertThat(api.get(API + "/users/me", "Authorization", USER_BASIC).status()).isEqualTo(200);
        assertThat(api.get(API + "/status").json().path("status").asText()).isEqualTo("OK");
    }
}
