package dev.gatehouse.redis;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a record's hash as {@link Fields} wrote it. A missing or malformed field is an
 * {@link IllegalArgumentException} whose message names the field but never quotes its value.
 */
final class FieldReader {
    private final Map<String, String> fields;

    FieldReader(Map<String, String> fields) {
        this.fields = fields;
    }

    String text(String name) {
        return optionalText(name).orElseThrow(() -> new IllegalArgumentException("field " + name + " is missing"));
    }

    Optional<String> optionalText(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    UUID uuid(String name) {
        return uuid(name, text(name));
    }

    Optional<UUID> optionalUuid(String name) {
        return optionalText(name).map(value -> uuid(name, value));
    }

    Instant instant(String name) {
        return instant(name, text(name));
    }

    Optional<Instant> optionalInstant(String name) {
        return optionalText(name).map(value -> instant(name, value));
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        try {
            return Enum.valueOf(type, text(name));
        } catch (IllegalArgumentException e) {
            throw malformed(name);
        }
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw malformed(name);
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException | DateTimeException e) {
            throw malformed(name);
        }
    }

    // No cause: the parsers' messages quote the value.
    private static IllegalArgumentException malformed(String name) {
        return new IllegalArgumentException("field " + name + " is malformed");
    }
}
