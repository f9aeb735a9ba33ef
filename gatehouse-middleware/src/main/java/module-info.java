/**
 * Protects a Java application in its own process: a Javalin plugin and a Servlet filter that
 * verify Gatehouse's access tokens against its JWKS, check session cookies through its
 * introspection, and apply the same access rules as the server.
 */
module dev.gatehouse.middleware {
    // The guard judges with the library's types; the plugin and the filter are Javalin's and the Servlet API's.
    requires transitive dev.gatehouse.core;
    requires transitive io.javalin;
    requires transitive jakarta.servlet;
    requires dev.gatehouse.rules;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires java.net.http;

    exports dev.gatehouse.middleware;
    // Introspection answers are read into this package's records.
    opens dev.gatehouse.middleware to com.fasterxml.jackson.databind;
}
