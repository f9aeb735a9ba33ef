package dev.gatehouse.oidc;

import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator registers a client with, or changes it to. The registry generates the id when
 * none is given and the secret of a confidential client, and judges every URI by
 * {@link RedirectUriPolicy}.
 *
 * @param id the {@code client_id} wanted, or empty for a generated one; ignored by an update
 * @param name the name users see on the consent page
 * @param type confidential or public
 * @param jwks for a confidential client that authenticates with its own keys
 *        ({@code private_key_jwt}) instead of a secret, its public keys as a JWK Set in JSON
 * @param redirectUris where codes may be sent
 * @param postLogoutRedirectUris where a browser may be sent after RP-initiated logout
 * @param backchannelLogoutUri where logout tokens are POSTed, if anywhere
 * @param scopes the scopes the client may ask for
 * @param grants the grants the client may use
 * @param firstParty true for the operator's own applications, which skip the consent page
 * @param accessTokenTtl the lifetime of its access tokens, or empty for the server's
 * @param refreshTokenTtl the lifetime of its refresh token families, or empty for the server's
 */
public record ClientRegistration(Optional<String> id, String name, ClientType type, Optional<String> jwks, List<String> redirectUris,
                                 List<String> postLogoutRedirectUris, Optional<String> backchannelLogoutUri, Set<String> scopes,
                                 Set<GrantType> grants, boolean firstParty, Optional<Duration> accessTokenTtl,
                                 Optional<Duration> refreshTokenTtl) {
    /** Copies the collections and refuses missing values. */
    public ClientRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jwks, "jwks");
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        Objects.requireNonNull(backchannelLogoutUri, "backchannelLogoutUri");
        scopes = Set.copyOf(scopes);
        grants = Set.copyOf(grants);
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
    }

    /**
     * The grants of a client registered without naming any: the code flow with refresh tokens for
     * a client with redirect URIs, else a service acting as itself.
     *
     * @param redirectUris the client's redirect URIs
     * @return the default grants
     */
    public static Set<GrantType> defaultGrants(List<String> redirectUris) {
        return redirectUris.isEmpty() ? Set.of(GrantType.CLIENT_CREDENTIALS) : Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    }

    /**
     * The scopes of a client registered without naming any: {@code openid profile email} for a
     * client that signs users in, none for a service.
     *
     * @param grants the client's grants
     * @return the default scopes
     */
    public static Set<String> defaultScopes(Set<GrantType> grants) {
        return grants.contains(GrantType.AUTHORIZATION_CODE) ? Set.of("openid", "profile", "email") : Set.of();
    }
}
