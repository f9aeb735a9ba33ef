package dev.gatehouse.jdbc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteDialectTest {
    @Test
    void findsTheFileOfAUrl() {
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:./data/gatehouse.db")).contains(Path.of("./data/gatehouse.db"));
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:/var/lib/gh/gh.db?busy_timeout=100")).contains(Path.of("/var/lib/gh/gh.db"));
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:file:/var/lib/gh/gh.db")).contains(Path.of("/var/lib/gh/gh.db"));
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:file:///var/lib/gh/gh.db")).contains(Path.of("/var/lib/gh/gh.db"));
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:gh.db")).contains(Path.of("gh.db"));
    }

    @Test
    void urlsWithoutAFileHaveNone() {
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite::memory:")).isEmpty();
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:")).isEmpty();
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:file::memory:?cache=shared")).isEmpty();
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite:file:gh?mode=memory&cache=shared")).isEmpty();
        assertThat(SqliteDialect.databaseFile("jdbc:sqlite::resource:db/gh.db")).isEmpty();
    }

    @Test
    void picksTheDialectByUrl() {
        assertThat(SqlDialect.forUrl("jdbc:sqlite:gh.db")).isSameAs(SqlDialect.SQLITE);
        assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:h2:mem:x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void poolsOneWriterAndSomeReaders() {
        SqlDialect.PoolSizes sizes = SqlDialect.SQLITE.poolSizes();

        assertThat(sizes.writers()).isEqualTo(1);
        assertThat(sizes.readers().orElseThrow()).isBetween(2, 8);
    }
}
