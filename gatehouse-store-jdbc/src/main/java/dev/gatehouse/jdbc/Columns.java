package dev.gatehouse.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The portable column encodings: UUIDs as text, instants as epoch milliseconds, an absent
 * {@link Optional} as SQL NULL, sets of words space-separated.
 */
final class Columns {
    private Columns() {
    }

    /**
     * A set of words (scopes, grants) as one space-separated string, as OAuth writes them, sorted so
     * that a row reads the same however the set was built. The words hold no space.
     */
    static void setWords(PreparedStatement statement, int index, Collection<String> words) throws SQLException {
        statement.setString(index, String.join(" ", words.stream().sorted().toList()));
    }

    static Set<String> words(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(text.split(" ", -1)));
    }

    static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        statement.setString(index, value.toString());
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setLong(index, value.toEpochMilli());
    }

    static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            setInstant(statement, index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    static UUID uuid(ResultSet row, String column) throws SQLException {
        return UUID.fromString(row.getString(column));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    static Optional<String> text(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
