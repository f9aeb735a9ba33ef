package dev.gatehouse.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.problem.ProblemCode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request body into {@link RequestFields}: JSON objects and URL-encoded forms, in UTF-8,
 * up to a size limit. Every way a body can be wrong becomes a 4xx problem, never a 500.
 */
final class RequestBodyReader {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** How many times the limit a too-large body may be and still be read to its end before the 413. */
    private static final int DRAIN_FACTOR = 4;

    private final ObjectMapper mapper;
    private final int maxBytes;

    RequestBodyReader(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** Fields from a JSON object or a form. */
    RequestFields read(Context ctx) {
        return read(ctx, true);
    }

    /** Fields from a URL-encoded form only: the OAuth endpoints, which RFC 6749 has take forms. */
    RequestFields readForm(Context ctx) {
        if (!MediaType.parse(ctx.header("Content-Type")).is(FORM)) {
            throw new ApiProblem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send " + FORM);
        }
        return parseForm(text(ctx, true));
    }

    /** Fields from a JSON object only (endpoints that no HTML form calls). */
    RequestFields readJson(Context ctx) {
        return read(ctx, false);
    }

    /**
     * A JSON object with values of any type, for endpoints whose fields are lists or numbers; the
     * same limits and checks as {@link #readJson}, duplicate names refused by the mapper.
     */
    ObjectNode readJsonObject(Context ctx) {
        String text = text(ctx, false);
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ApiProblem(ProblemCode.INVALID_JSON, "the request body is not valid JSON");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ApiProblem(ProblemCode.INVALID_JSON, "the request body must be a JSON object");
        }
        return object;
    }

    private RequestFields read(Context ctx, boolean formAllowed) {
        MediaType type = MediaType.parse(ctx.header("Content-Type"));
        boolean json = type.is(JSON) || type.subtype().endsWith("+json") && type.type().equals("application");
        String text = text(ctx, formAllowed);
        return json ? parseJson(text) : parseForm(text);
    }

    /** The body as text, once its media type, charset, size and encoding are as this endpoint accepts. */
    private String text(Context ctx, boolean formAllowed) {
        MediaType type = MediaType.parse(ctx.header("Content-Type"));
        boolean json = type.is(JSON) || type.subtype().endsWith("+json") && type.type().equals("application");
        boolean form = formAllowed && type.is(FORM);
        if (!json && !form) {
            throw new ApiProblem(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                "send " + (formAllowed ? "application/json or " + FORM : "application/json"));
        }
        if (type.charset().filter(c -> !c.equals("utf-8")).isPresent()) {
            throw new ApiProblem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "only the UTF-8 charset is accepted");
        }
        String text = utf8(readLimited(ctx));
        if (text.isBlank()) {
            throw new ApiProblem(ProblemCode.MISSING_BODY, "a request body is required");
        }
        return text;
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            drain(ctx, declared);
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            // A declared length is read into an array of exactly that size (the server ends the
            // body there). Reading up to the limit instead began with a 16 KiB buffer for every
            // body, a few dozen bytes in a sign-in or a refresh: garbage at every request.
            byte[] bytes = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiProblem(ProblemCode.UNREADABLE_BODY, "the request body could not be read");
        }
    }

    /**
     * Reads and drops a body announced too large, when it is not much larger: a server that answers
     * 413 and closes the connection while the client is still sending it makes the client's TCP
     * stack reset the connection, and the client loses the answer. A body far larger is not read:
     * the connection closes, and such a client gets no clear answer, which is its own doing.
     */
    private void drain(Context ctx, long declared) {
        if (declared > (long) maxBytes * DRAIN_FACTOR) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            in.skipNBytes(declared);
        } catch (IOException e) {
            // The client stopped sending: nothing left to drop.
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(ProblemCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
    }

    private static String utf8(byte[] bytes) {
        if (isAscii(bytes)) {
            // ASCII is valid UTF-8 as it is; most bodies are, and need no decoder of their own.
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiProblem(ProblemCode.INVALID_UTF8, "the request body is not valid UTF-8");
        }
    }

    private RequestFields parseJson(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ApiProblem(ProblemCode.INVALID_JSON, "the request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiProblem(ProblemCode.INVALID_JSON, "the request body must be a JSON object");
        }
        Map<String, String> values = new HashMap<>();
        Set<String> sent = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            sent.add(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new ApiProblem(ProblemCode.INVALID_FIELD, "field '" + field.getKey() + "' must be a string");
            }
            values.put(field.getKey(), value.textValue());
        }
        return new RequestFields(values, sent);
    }

    private static RequestFields parseForm(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw new ApiProblem(ProblemCode.INVALID_FORM, "field '" + name + "' is given more than once");
            }
        }
        return new RequestFields(values);
    }

    private static String decode(String part) {
        try {
            String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
            if (decoded.indexOf('\uFFFD') >= 0 && part.toUpperCase(Locale.ROOT).indexOf("%EF%BF%BD") < 0) {
                // URLDecoder silently replaces bad percent-encoded UTF-8; a replaced password would be a different password.
                throw new ApiProblem(ProblemCode.INVALID_UTF8, "the form holds percent-encoded bytes that are not UTF-8");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemCode.INVALID_FORM, "the form is not valid URL encoding");
        }
    }
}
