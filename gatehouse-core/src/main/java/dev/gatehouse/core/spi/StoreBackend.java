package dev.gatehouse.core.spi;



/**
 * Every store the library keeps its state in, from one backend or several: the in-memory one
 * ({@code InMemoryBackend}), SQL (gatehouse-store-jdbc), Redis for the short-lived state
 * (gatehouse-store-redis), each decorated with caches (gatehouse-cache) where it is shared.
 *
 * <p>Every store fails closed: when it cannot answer it throws
 * {@link dev.gatehouse.core.spi.StoreUnavailableException}, and the library refuses rather than
 * guessing who is calling.
 */
public interface StoreBackend extends AutoCloseable {
    /**
     * The registered users.
     *
     * @return the user store
     */
    UserStore users();

    /**
     * The sessions of signed-in browsers and clients.
     *
     * @return the session store
     */
    SessionStore sessions();

    /**
     * The refresh tokens and their families.
     *
     * @return the refresh token store
     */
    RefreshTokenStore refreshTokens();

    /**
     * Revoked access token ids and each user's not-before time.
     *
     * @return the revocation store
     */
    RevocationStore revocations();

    /**
     * The signing keys Gatehouse generates and rotates.
     *
     * @return the key store
     */
    KeyStore keys();

    /**
     * Secrets the server generates once and must find again after a restart.
     *
     * @return the server secret store
     */
    ServerSecretStore serverSecrets();

    /**
     * Counters of failed sign-ins and registrations, and the gates that space attempts out.
     *
     * @return the rate-limit store
     */
    RateLimitStore rateLimits();

    /**
     * Changes made by other processes sharing the stores (key rotations, resyncs), for those that keep copies.
     *
     * @return the event feed; a single process's backend feeds only itself
     */
    EventFeed events();

    /**
     * The applications registered to sign their users in through Gatehouse.
     *
     * @return the client store
     */
    ClientStore clients();

    /**
     * The authorization codes between the two endpoints of a sign-in through the OpenID provider.
     *
     * @return the authorization code store
     */
    AuthorizationCodeStore authorizationCodes();

    /**
     * What users allowed the clients they signed in to.
     *
     * @return the consent store
     */
    ConsentStore consents();

    /**
     * Which clients each session signed in to, until they are told it ended.
     *
     * @return the session client store
     */
    SessionClientStore sessionClients();

    /**
     * The client assertions already used, each good once.
     *
     * @return the used assertion store
     */
    UsedAssertionStore usedAssertions();

    /**
     * Users' second factors: authenticator apps and recovery codes.
     *
     * @return the second factor store
     */
    SecondFactorStore secondFactors();

    /** Releases what the backend holds open (pools, connections, threads); the library never calls it. */
    @Override
    void close();
}
