package dev.gatehouse.server;

import dev.gatehouse.testing.RequiredService;
import dev.gatehouse.testing.TcpProxy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A schema of its own on the machine's PostgreSQL (or {@code GATEHOUSE_TEST_PG_URL}) for the
 * servers of one test, dropped with all it holds at {@link #close}. Unreachable: the test is
 * skipped, saying why, except under {@code CI=true}, where it fails.
 */
final class SharedPostgres implements AutoCloseable {
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String serverUrl;
    private final String schema;

    private SharedPostgres(String serverUrl, String schema) {
        this.serverUrl = serverUrl;
        this.schema = schema;
    }

    static SharedPostgres create() {
        String configured = System.getenv("GATEHOUSE_TEST_PG_URL");
        String url = configured == null || configured.isBlank() ? DEFAULT_URL : configured.strip();
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String schema = "gh_test_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***") + " cannot be reached: SQLState " + e.getSQLState();
            throw RequiredService.missing(reason, e);
        }
        return new SharedPostgres(url, schema);
    }

    /** The URL the servers share: this schema on the server. */
    String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The server's address, for a proxy to forward to. */
    java.net.InetSocketAddress address() {
        java.net.URI uri = java.net.URI.create(serverUrl.substring("jdbc:".length()));
        return new java.net.InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    /** {@link #url()} with the server reached through a local port instead (a {@link TcpProxy}). */
    String urlThrough(int localPort) {
        java.net.URI uri = java.net.URI.create(serverUrl.substring("jdbc:".length()));
        String authority = uri.getRawAuthority();
        return url().replaceFirst(java.util.regex.Pattern.quote("//" + authority), "//127.0.0.1:" + localPort);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
