package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.ConsentStore;
import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.RateLimitStore;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.spi.SecondFactorStore;
import dev.gatehouse.core.spi.ServerSecretStore;
import dev.gatehouse.core.spi.SessionClientStore;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.StoreBackend;
import dev.gatehouse.core.spi.UsedAssertionStore;
import dev.gatehouse.core.spi.UserStore;

/**
 * Every store in this process's memory: for tests, trials and single-process tools. Everything is
 * gone when the process stops, so users, sessions and signing keys do not survive a restart.
 *
 * @param users the users
 * @param sessions the sessions
 * @param refreshTokens the refresh tokens
 * @param revocations the access token revocations
 * @param keys the generated signing keys
 * @param serverSecrets the server's own secrets, new at every start
 * @param rateLimits the sign-in and registration counters, which only this process counts
 * @param events the feed of this process alone
 * @param clients the registered clients
 * @param authorizationCodes the authorization codes between the two endpoints of a sign-in
 * @param consents what users allowed clients
 * @param sessionClients the clients each session signed in to
 * @param usedAssertions the client assertions already used
 * @param secondFactors users' second factors
 */
public record InMemoryBackend(UserStore users, SessionStore sessions, RefreshTokenStore refreshTokens, RevocationStore revocations,
                              KeyStore keys, ServerSecretStore serverSecrets, RateLimitStore rateLimits, EventFeed events,
                              ClientStore clients, AuthorizationCodeStore authorizationCodes, ConsentStore consents,
                              SessionClientStore sessionClients, UsedAssertionStore usedAssertions,
                              SecondFactorStore secondFactors)
        implements StoreBackend {

    /**
     * Empty stores.
     *
     * @return a backend whose stores are all empty
     */
    public static InMemoryBackend create() {
        return new InMemoryBackend(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryRefreshTokenStore(),
                new InMemoryRevocationStore(), new InMemoryKeyStore(), new InMemoryServerSecretStore(), new InMemoryRateLimitStore(),
                new LocalEventFeed(), new InMemoryClientStore(), new InMemoryAuthorizationCodeStore(), new InMemoryConsentStore(),
                new InMemorySessionClientStore(), new InMemoryUsedAssertionStore(),
                new InMemorySecondFactorStore());
    }

    /** Nothing is held open. */
    @Override
    public void close() {
    }
}
