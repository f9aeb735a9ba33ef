package dev.gatehouse.core.memory;

import dev.gatehouse.core.StoreBackend;
import dev.gatehouse.core.events.EventFeed;
import dev.gatehouse.core.events.LocalEventFeed;
import dev.gatehouse.core.keys.KeyStore;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.secrets.ServerSecretStore;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.token.RefreshTokenStore;
import dev.gatehouse.core.token.RevocationStore;
import dev.gatehouse.core.user.UserStore;

/**
 * Every store in this process's memory: for tests, trials and single-process tools. Everything is
 * gone when the process stops, so users, sessions and signing keys do not survive a restart.
 */
public record InMemoryBackend(UserStore users, SessionStore sessions, RefreshTokenStore refreshTokens, RevocationStore revocations,
                              KeyStore keys, ServerSecretStore serverSecrets, RateLimitStore rateLimits, EventFeed events)
        implements StoreBackend {

    /** Empty stores. */
    public static InMemoryBackend create() {
        return new InMemoryBackend(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryRefreshTokenStore(),
                new InMemoryRevocationStore(), new InMemoryKeyStore(), new InMemoryServerSecretStore(), new InMemoryRateLimitStore(),
                new LocalEventFeed());
    }

    /** Nothing is held open. */
    @Override
    public void close() {
    }
}
