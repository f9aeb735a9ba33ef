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
 * <p>Session cookies are checked through the server's introspection endpoint
 * ({@link dev.gatehouse.middleware.SessionIntrospection}: briefly cached, fail closed).
 *
 * <p>The guard judges the path the framework routes (without the context path), refuses with 400 any
 * path frameworks could read in two ways, judges capitals both folded and as sent, a {@code HEAD} by
 * the rules for {@code GET}, and a request under every method an override in it could turn it into.
 * WebSocket upgrades are judged like any request: the Javalin plugin registers a
 * {@code wsBeforeUpgrade} handler; for the Servlet filter, docs/GATEWAY.md shows how each container
 * runs it before its upgrade.
 *
 * <p>Access rules come as an {@code AccessRules} object or the server's YAML rules file
 * ({@link dev.gatehouse.middleware.GatehouseGuard.Builder#rulesFile}), reloaded on change.
 */
package dev.gatehouse.middleware;
