package dev.gatehouse.core.client;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An application that signs its users in through Gatehouse (an OAuth 2.0 client, an OpenID
 * Connect relying party), as registered.
 *
 * <p>The record refuses combinations that would weaken a flow: a public client has no secret and
 * cannot act as itself ({@code client_credentials}); a confidential client proves who it is either
 * with a secret or with its own keys ({@code private_key_jwt}), never both; a client
 * that receives codes has at least one redirect URI; refresh tokens come only from a code flow.
 * Whether each URI is acceptable is the registry's to judge; the record only refuses blank ones.
 *
 * @param id the {@code client_id}: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param name the name shown to users on the consent page
 * @param type confidential or public
 * @param secretHash SHA-256 of the client secret (unpadded base64url), present exactly for
 *        confidential clients that authenticate with a secret; the secret itself is shown once and
 *        never kept; hidden from {@link #toString}
 * @param jwks the public keys (a JWK Set, as JSON) whose signatures authenticate a confidential
 *        client that uses {@code private_key_jwt} (RFC 7523) instead of a secret
 * @param redirectUris where codes may be sent, each compared exactly
 * @param postLogoutRedirectUris where a browser may be sent after RP-initiated logout, compared exactly
 * @param backchannelLogoutUri where logout tokens are POSTed when a session ends, if anywhere
 * @param scopes the scopes the client may ask for
 * @param grants the grants the client may use
 * @param firstParty true for the operator's own applications, which skip the consent page
 * @param selfRegistered true for an app that registered itself (dynamic registration): nobody
 *        vouched for its redirect URIs, so the provider sends a browser there only after the user
 *        answered (never to report an error on its own), and it is never first-party
 * @param accessTokenTtl the lifetime of the client's access tokens, or empty for the server's
 * @param refreshTokenTtl the lifetime of the client's refresh token families, or empty for the server's
 * @param createdAt when the client was registered
 * @param updatedAt when it last changed
 */
public record Client(String id, String name, ClientType type, Optional<String> secretHash, Optional<String> jwks, List<String> redirectUris,
                     List<String> postLogoutRedirectUris, Optional<String> backchannelLogoutUri, Set<String> scopes,
                     Set<GrantType> grants, boolean firstParty, boolean selfRegistered, Optional<Duration> accessTokenTtl,
                     Optional<Duration> refreshTokenTtl, Instant createdAt, Instant updatedAt) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The longest lifetime a client may be given: longer would outlive any key it was signed with. */
    public static final Duration MAX_TTL = Duration.ofDays(366);

    /** Copies the collections and refuses what would weaken a flow (see the type's description). */
    public Client {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("a client id is 1 to 64 of A-Z a-z 0-9 . _ -, not only dots and not a UUID");
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 200 || !isPlainText(name)) {
            throw new IllegalArgumentException("a client's name is 1 to 200 characters, not all blank, with no control or format character");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(jwks, "jwks");
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        Objects.requireNonNull(backchannelLogoutUri, "backchannelLogoutUri");
        scopes = ScopeNames.requireValid(scopes);
        grants = grants.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grants));
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        requireNoBlank(redirectUris, "redirect URI");
        requireNoBlank(postLogoutRedirectUris, "post-logout redirect URI");
        backchannelLogoutUri.ifPresent(uri -> requireNoBlank(List.of(uri), "back-channel logout URI"));
        if (type == ClientType.PUBLIC && (secretHash.isPresent() || jwks.isPresent())) {
            throw new IllegalArgumentException("a public client has no secret and no keys");
        }
        if (type == ClientType.CONFIDENTIAL && secretHash.isPresent() == jwks.isPresent()) {
            throw new IllegalArgumentException("a confidential client has a secret or keys, not both");
        }
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("a client may use at least one grant");
        }
        if (selfRegistered && firstParty) {
            throw new IllegalArgumentException("a client that registered itself cannot be first-party");
        }
        if (type == ClientType.PUBLIC && grants.contains(GrantType.CLIENT_CREDENTIALS)) {
            throw new IllegalArgumentException("a public client cannot act as itself: client_credentials needs a confidential client");
        }
        if (grants.contains(GrantType.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
            throw new IllegalArgumentException("a client of the authorization_code grant has at least one redirect URI");
        }
        if (grants.contains(GrantType.REFRESH_TOKEN) && !grants.contains(GrantType.AUTHORIZATION_CODE)) {
            throw new IllegalArgumentException("refresh tokens come only from the authorization_code grant");
        }
        accessTokenTtl.ifPresent(ttl -> requirePositive(ttl, "access token lifetime"));
        refreshTokenTtl.ifPresent(ttl -> requirePositive(ttl, "refresh token lifetime"));
    }

    /**
     * Whether the client proves who it is with a JWT signed by one of its own keys
     * ({@code private_key_jwt}) rather than with a secret.
     *
     * @return true when the client has keys
     */
    public boolean authenticatesWithKeys() {
        return jwks.isPresent();
    }

    /**
     * Whether {@code id} may name a client. Only dots would read as a path segment ({@code ..})
     * wherever the id is put in a URL. A UUID is refused because a service client's tokens carry
     * its id as {@code sub}, where a user's tokens carry the user's UUID: a client named like a
     * user could not be told from one.
     *
     * @param id a candidate client id
     * @return true when it is 1 to 64 of {@code A-Z a-z 0-9 . _ -}, not only dots, and not a UUID
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.chars().allMatch(c -> c == '.') && !readsAsUuid(id);
    }

    /** As leniently as {@link UUID#fromString} reads one ("1-2-3-4-5" too), which is how tokens' subjects are read. */
    private static boolean readsAsUuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A URI holds no space or control character (RFC 3986), so none is ever read two ways. */
    private static void requireNoBlank(List<String> values, String what) {
        for (String value : values) {
            if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("a " + what + " is not blank and holds no space or control character");
            }
        }
    }

    private static void requirePositive(Duration ttl, String what) {
        if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a client's " + what + " is a whole number of seconds from 1 to 366 days");
        }
    }

    /**
     * No control or format character (which could forge lines in a listing or turn text around on
     * the consent page, U+202E) and no lone surrogate (which no store keeps as given).
     */
    private static boolean isPlainText(String text) {
        // codePoints() yields a lone surrogate as a code point of its own, of type SURROGATE.
        return text.codePoints().map(Character::getType)
                .noneMatch(type -> type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE);
    }

    /**
     * Whether the client may use the grant.
     *
     * @param grant a grant
     * @return true when it was registered for it
     */
    public boolean allows(GrantType grant) {
        return grants.contains(grant);
    }

    @Override
    public String toString() {
        return "Client[id=" + id + ", name=" + name + ", type=" + type + ", secretHash=" + (secretHash.isPresent() ? "****" : "none")
                + ", redirectUris=" + redirectUris + ", grants=" + grants + ", firstParty=" + firstParty + "]";
    }
}
