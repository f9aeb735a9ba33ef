package dev.gatehouse.oidc;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.ConsentStore;
import dev.gatehouse.core.spi.StoreBackend;

import java.util.Objects;
import java.util.Optional;

/**
 * The OpenID provider on a {@link Gatehouse}: the client registry always, and the protocol's
 * endpoints when the library issues tokens (they sign ID and access tokens with its keys).
 */
public final class OpenIdProvider {
    private final ClientRegistry clients;
    private final Optional<Endpoints> endpoints;

    /**
     * The endpoints of the protocol, built over the same library and stores.
     *
     * @param authorization the authorization endpoint
     * @param token         the token endpoint
     * @param userInfo      the userinfo endpoint
     * @param endSession    the end-session (RP-initiated logout) endpoint
     * @param tickets       carries requests across the sign-in, consent and sign-out pages
     * @param backChannelLogout tells clients that sessions they signed users in to ended
     */
    public record Endpoints(AuthorizationEndpoint authorization, TokenEndpoint token, UserInfoEndpoint userInfo, EndSessionEndpoint endSession,
                            InteractionTickets tickets, BackChannelLogout backChannelLogout) {
        /** Refuses a missing endpoint. */
        public Endpoints {
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(userInfo, "userInfo");
            Objects.requireNonNull(endSession, "endSession");
            Objects.requireNonNull(tickets, "tickets");
            Objects.requireNonNull(backChannelLogout, "backChannelLogout");
        }
    }

    private OpenIdProvider(ClientRegistry clients, Optional<Endpoints> endpoints) {
        this.clients = clients;
        this.endpoints = endpoints;
    }

    /**
     * Builds the provider.
     *
     * @param gatehouse         the library: users, sessions, tokens and the clock
     * @param stores            the stores the library was built on: its clients, consents,
     *                          authorization codes and the clients of each session
     * @param interactionSecret the key of {@link InteractionTickets}, the same on every instance
     * @return the provider
     */
    public static OpenIdProvider create(Gatehouse gatehouse, StoreBackend stores, byte[] interactionSecret) {
        ClientStore clientStore = stores.clients();
        ConsentStore consents = stores.consents();
        AuthorizationCodeStore codes = stores.authorizationCodes();
        ClientRegistry clients = new ClientRegistry(clientStore, consents, gatehouse.clock());
        // An ID token MAC'd with the server's HMAC key could be checked only by holding that key, which
        // would let every client mint access tokens (OpenID Connect Core 10.1 would have a client
        // use its own secret instead): the provider needs a key whose public half the JWKS shows.
        Optional<Endpoints> endpoints = gatehouse.tokens().filter(tokens -> tokens.openIdTokens().algorithm().family() != SigningAlgorithm.Family.HMAC)
                .map(tokens -> new Endpoints(
                new AuthorizationEndpoint(clients, consents, codes, tokens.issuer(), gatehouse.clock()),
                new TokenEndpoint(clients, tokens, codes, gatehouse.users(), gatehouse.sessions(), stores.usedAssertions(), gatehouse.clock()),
                new UserInfoEndpoint(),
                new EndSessionEndpoint(clients, tokens.openIdTokens()),
                new InteractionTickets(interactionSecret, gatehouse.clock()),
                new BackChannelLogout(stores.sessionClients(), gatehouse.sessions(), clientStore, tokens.openIdTokens(),
                        BackChannelLogout.defaultClient(), BackChannelLogout.DELIVERY_TIMEOUT, gatehouse.clock())));
        return new OpenIdProvider(clients, endpoints);
    }

    /**
     * The registered clients.
     *
     * @return the registry
     */
    public ClientRegistry clients() {
        return clients;
    }

    /**
     * The protocol's endpoints.
     *
     * @return the endpoints, or empty when the library issues no tokens ({@code jwt} is not enabled) or
     *         signs them with an HMAC key, whose ID tokens no client could verify without being able to forge tokens
     */
    public Optional<Endpoints> endpoints() {
        return endpoints;
    }
}
