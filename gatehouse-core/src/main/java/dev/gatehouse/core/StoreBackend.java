package dev.gatehouse.core;

import dev.gatehouse.core.events.EventFeed;
import dev.gatehouse.core.keys.KeyStore;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.secrets.ServerSecretStore;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.token.RefreshTokenStore;
import dev.gatehouse.core.token.RevocationStore;
import dev.gatehouse.core.user.UserStore;

/**
 * Every store the library keeps its state in, from one backend or several: the in-memory one
 * ({@code InMemoryBackend}), SQL (gatehouse-store-jdbc), Redis for the short-lived state
 * (gatehouse-store-redis), each decorated with caches (gatehouse-cache) where it is shared.
 *
 * <p>Every store fails closed: when it cannot answer it throws
 * {@link dev.gatehouse.core.support.StoreUnavailableException}, and the library refuses rather than
 * guessing who is calling.
 */
public interface StoreBackend extends AutoCloseable {
    UserStore users();

    SessionStore sessions();

    RefreshTokenStore refreshTokens();

    RevocationStore revocations();

    KeyStore keys();

    ServerSecretStore serverSecrets();

    RateLimitStore rateLimits();

    /** Changes made by other processes sharing the stores (key rotations, resyncs), for those that keep copies. */
    EventFeed events();

    /** Releases what the backend holds open (pools, connections, threads); the library never calls it. */
    @Override
    void close();
}
