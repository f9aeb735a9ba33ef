/**
 * Caffeine caches in front of the user, session and revocation stores, and the events that keep several
 * instances' copies honest. A copy is used only while the {@link dev.gatehouse.core.spi.EventFeed}
 * is live and for at most {@link dev.gatehouse.cache.CacheSettings#maxStale}; writes go to the
 * store first and are then announced, so the store stays the only truth.
 */
package dev.gatehouse.cache;
