package dev.gatehouse.jdbc;

/** The databases every JDBC store runs its contract on. */
enum SqlDatabase {
    /** A new file in a directory of the test's own. */
    SQLITE,
    /** A schema of the test class's own on the machine's PostgreSQL (see {@link PostgresTestDatabase}). */
    POSTGRES
}
