package dev.gatehouse.http;

import io.javalin.http.Context;

import java.util.UUID;

/** Reads UUIDs from path parameters; a malformed one cannot name anything, so it is a 404. */
final class PathIds {
    private PathIds() {
    }

    static UUID uuid(Context ctx, String param) {
        String raw = ctx.pathParam(param);
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts short forms like "1-1-1-1-1"; only the canonical text names a resource.
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the 404
        }
        throw ApiProblem.notFound("no such " + param.replace("_id", "").replace("id", "resource"));
    }
}
