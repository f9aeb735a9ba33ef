package dev.gatehouse.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a record's hash, in the order {@code HSET} takes them: UUIDs as text, instants as
 * epoch milliseconds (the precision every store keeps), an absent {@link Optional} as no field.
 */
final class Fields {
    private final List<String> namesAndValues = new ArrayList<>();

    Fields put(String name, String value) {
        namesAndValues.add(name);
        namesAndValues.add(value);
        return this;
    }

    Fields put(String name, Object value) {
        return put(name, value.toString());
    }

    Fields put(String name, Instant value) {
        return put(name, millis(value));
    }

    /** Adds nothing when the value is absent, so that it reads back as absent. */
    Fields putPresent(String name, Optional<?> value) {
        value.ifPresent(v -> put(name, v instanceof Instant instant ? millis(instant) : v.toString()));
        return this;
    }

    List<String> list() {
        return List.copyOf(namesAndValues);
    }

    static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /** An optional instant as a script argument: empty for absent, which the scripts read as nil (never). */
    static String millis(Optional<Instant> instant) {
        return instant.map(Fields::millis).orElse("");
    }
}
