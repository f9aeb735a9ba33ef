/**
 * Middleware for Java apps behind Gatehouse: a Javalin plugin ({@link dev.gatehouse.middleware.GatehouseJavalinPlugin})
 * and a Jakarta Servlet filter ({@link dev.gatehouse.middleware.GatehouseServletFilter}), both driven by one
 * {@link dev.gatehouse.middleware.GatehouseGuard} and the same {@link dev.gatehouse.core.access.AccessRules}.
 *
 * <p>Access tokens (JWTs) are verified locally against the server's JWKS ({@link dev.gatehouse.middleware.JwksKeys}:
 * cached, refetched on an unknown kid at a limited rate, fail closed). The token is read by a pluggable
 * {@link dev.gatehouse.middleware.TokenGetter} (header, cookie, query parameter) and turned into an
 * {@link dev.gatehouse.middleware.Identity} by a pluggable {@link dev.gatehouse.middleware.Identifier}.
 *
 * <p>Not done here: session cookies verified through the server's introspection endpoint. The server's
 * introspection needs admin credentials and does not know session tokens yet, so a session-only client is
 * not recognised by this middleware; use access tokens (AUTH_TYPE including {@code jwt}).
 *
 * <p>Access rules are taken as an {@code AccessRules} object; parsing a YAML rules file stays in
 * gatehouse-server.
 */
package dev.gatehouse.middleware;
