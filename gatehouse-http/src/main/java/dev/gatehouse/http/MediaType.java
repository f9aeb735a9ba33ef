package dev.gatehouse.http;

import java.util.Locale;
import java.util.Optional;

/** Just enough of a Content-Type header: type, subtype and charset, lower-cased. */
record MediaType(String type, String subtype, Optional<String> charset) {
    static MediaType parse(String header) {
        if (header == null || header.isBlank()) {
            return new MediaType("", "", Optional.empty());
        }
        String[] parts = header.split(";");
        String essence = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        String type = slash < 0 ? essence : essence.substring(0, slash);
        String subtype = slash < 0 ? "" : essence.substring(slash + 1);
        Optional<String> charset = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(Locale.ROOT);
            if (param.startsWith("charset=")) {
                charset = Optional.of(param.substring("charset=".length()).replace("\"", "").trim());
            }
        }
        return new MediaType(type, subtype, charset);
    }

    boolean is(String essence) {
        return (type + "/" + subtype).equals(essence);
    }
}
