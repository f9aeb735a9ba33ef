/**
 * The store interfaces a backend implements, and what the stores tell each other.
 *
 * <p>A {@link dev.gatehouse.core.spi.StoreBackend} hands the library one store of each kind: users,
 * sessions, refresh tokens, revocations, signing keys, rate-limit counters, server-held secrets, and
 * the OpenID provider's clients, authorization codes and consents.
 * {@code gatehouse-store-jdbc}, {@code gatehouse-store-redis} and the in-memory backend implement
 * them; each store's contract is written in its interface and checked by the suites of
 * {@code gatehouse-testing}. The interfaces speak only in values (records and enums of the API), so
 * a store never reaches back into the services above it.
 *
 * <p>A store that cannot answer throws {@link dev.gatehouse.core.spi.StoreUnavailableException}:
 * the library then refuses (fails closed) rather than guessing, and
 * {@link dev.gatehouse.core.spi.StoreOutage} logs the outage once, at its start and its end.
 *
 * <p>Instances sharing stores tell each other of changes through an
 * {@link dev.gatehouse.core.spi.EventFeed} of {@link dev.gatehouse.core.spi.StoreEvent}s, so that
 * their cached copies (sessions, users, the key ring) are forgotten within moments of a change.
 */
package dev.gatehouse.core.spi;
