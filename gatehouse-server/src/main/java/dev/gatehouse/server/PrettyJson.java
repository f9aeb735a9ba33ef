package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gatehouse.http.Json;

/** Indented JSON for people reading a command's output. */
final class PrettyJson {
    private PrettyJson() {
    }

    static String of(Object value) {
        try {
            return Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of decoded JSON values cannot fail to serialise", e);
        }
    }
}
