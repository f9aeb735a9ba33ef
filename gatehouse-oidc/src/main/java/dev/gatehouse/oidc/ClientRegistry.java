package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.ConsentStore;
import dev.gatehouse.core.spi.TokenHashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registered clients: registration, changes, secret rotation, deletion and authentication
 * with a secret. The CLI and the admin API both go through it, so the same rules hold whoever
 * registers a client:
 * <ul>
 * <li>every URI is judged by {@link RedirectUriPolicy} before anything is stored;</li>
 * <li>a confidential client's secret is 256 random bits, shown once and kept only as its SHA-256
 * (a secret this long cannot be guessed from its hash, so a slow hash would add nothing);</li>
 * <li>secrets are compared in constant time, and an unknown client id costs the same hashing as a
 * known one, so that neither timing nor answers tell which ids exist.</li>
 * </ul>
 */
public final class ClientRegistry {
    private static final int SECRET_BYTES = 32;
    private static final int GENERATED_ID_BYTES = 16;
    private static final int ROTATION_ATTEMPTS = 3;
    /** Compared against when the id is unknown, so that the work done does not depend on it. */
    private static final String NO_CLIENT_HASH = TokenHashes.sha256("no client has this id");

    private final ClientStore store;
    private final ConsentStore consents;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * A registry over {@code store}.
     *
     * @param store where the clients are kept
     * @param consents users' consents, withdrawn when their client is deleted
     * @param clock the time recorded as a client's creation and change
     */
    public ClientRegistry(ClientStore store, ConsentStore consents, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers a client; a confidential one gets a new secret, returned this once.
     *
     * @param registration what to register
     * @return saved (with the secret of a confidential client), invalid, or the id is taken
     */
    public ClientChange register(ClientRegistration registration) {
        return register(registration, false);
    }

    /**
     * Registers a client that an app asked for itself (dynamic registration): marked so, it is
     * never first-party, and the provider sends browsers to its redirect URIs only after the user
     * answered (see {@link Client#selfRegistered()}).
     *
     * @param registration what the app asked for, already limited to what such a client may have
     * @return saved (with the secret of a confidential client), invalid, or the id is taken
     */
    public ClientChange registerSelf(ClientRegistration registration) {
        return register(registration, true);
    }

    private ClientChange register(ClientRegistration registration, boolean selfRegistered) {
        Optional<String> refusal = uriRefusal(registration);
        if (refusal.isPresent()) {
            return new ClientChange.Invalid(refusal.get());
        }
        Optional<ClientKeysPolicy.Verdict> keys = registration.jwks().map(ClientKeysPolicy::judge);
        if (keys.orElse(null) instanceof ClientKeysPolicy.Verdict.Refused refused) {
            return new ClientChange.Invalid(refused.reason());
        }
        String id = registration.id().orElseGet(this::generatedId);
        Optional<String> secret = registration.type() == ClientType.CONFIDENTIAL && keys.isEmpty()
                ? Optional.of(randomText(SECRET_BYTES)) : Optional.empty();
        Instant now = now();
        Client client;
        try {
            client = client(id, registration, secret.map(TokenHashes::sha256), accepted(keys), selfRegistered, now, now);
        } catch (IllegalArgumentException e) {
            return new ClientChange.Invalid(e.getMessage());
        }
        return store.insert(client) ? new ClientChange.Saved(client, secret) : new ClientChange.IdTaken();
    }

    /**
     * Changes every field of a client but its id. A confidential client given keys authenticates
     * with them and loses its secret; a client made confidential without keys, or a keys client
     * that loses its keys, gets a new secret; a client made public loses its secret; a confidential
     * client that keeps authenticating with a secret keeps its secret.
     *
     * @param id the client's id
     * @param registration the client's new values; its id is ignored
     * @return saved (with a secret when one was made), invalid, not found, or a conflict when the
     *         client changed since it was read here
     */
    public ClientChange update(String id, ClientRegistration registration) {
        Optional<Client> existing = store.findById(id);
        if (existing.isEmpty()) {
            return new ClientChange.NotFound();
        }
        Optional<String> refusal = uriRefusal(registration);
        if (refusal.isPresent()) {
            return new ClientChange.Invalid(refusal.get());
        }
        Optional<ClientKeysPolicy.Verdict> keys = registration.jwks().map(ClientKeysPolicy::judge);
        if (keys.orElse(null) instanceof ClientKeysPolicy.Verdict.Refused refused) {
            return new ClientChange.Invalid(refused.reason());
        }
        Client before = existing.get();
        boolean needsSecret = registration.type() == ClientType.CONFIDENTIAL && keys.isEmpty();
        Optional<String> secret = needsSecret && before.secretHash().isEmpty() ? Optional.of(randomText(SECRET_BYTES)) : Optional.empty();
        Optional<String> secretHash = needsSecret ? secret.map(TokenHashes::sha256).or(before::secretHash) : Optional.empty();
        Client client;
        try {
            // Self-registered stays so: an operator who trusts the app registers it afresh.
            client = client(id, registration, secretHash, accepted(keys), before.selfRegistered(), before.createdAt(), after(before));
        } catch (IllegalArgumentException e) {
            return new ClientChange.Invalid(e.getMessage());
        }
        return store.update(client, before.updatedAt()) ? new ClientChange.Saved(client, secret) : missingOrChanged(id);
    }

    /**
     * Gives a confidential client a new secret; the old one stops working at once.
     *
     * @param id the client's id
     * @return saved with the new secret, invalid for a public client, not found, or a conflict
     *         when the client kept changing meanwhile
     */
    public ClientChange rotateSecret(String id) {
        // Nothing but the secret changes, so a change made meanwhile is read again and kept.
        for (int attempt = 0; attempt < ROTATION_ATTEMPTS; attempt++) {
            Optional<Client> existing = store.findById(id);
            if (existing.isEmpty()) {
                return new ClientChange.NotFound();
            }
            Client before = existing.get();
            if (before.type() != ClientType.CONFIDENTIAL) {
                return new ClientChange.Invalid("a public client has no secret to rotate");
            }
            if (before.authenticatesWithKeys()) {
                return new ClientChange.Invalid("a client that authenticates with its keys has no secret to rotate");
            }
            String secret = randomText(SECRET_BYTES);
            Client client = new Client(before.id(), before.name(), before.type(), Optional.of(TokenHashes.sha256(secret)), before.jwks(),
                    before.redirectUris(), before.postLogoutRedirectUris(), before.backchannelLogoutUri(), before.scopes(), before.grants(),
                    before.firstParty(), before.selfRegistered(), before.accessTokenTtl(), before.refreshTokenTtl(), before.createdAt(), after(before));
            if (store.update(client, before.updatedAt())) {
                return new ClientChange.Saved(client, Optional.of(secret));
            }
        }
        return missingOrChanged(id);
    }

    /**
     * The client with this id.
     *
     * @param id a client id, compared exactly
     * @return the client, or empty
     */
    public Optional<Client> find(String id) {
        return store.findById(id);
    }

    /**
     * Every client, ordered by id.
     *
     * @return the clients
     */
    public List<Client> list() {
        return store.list();
    }

    /**
     * Deletes a client and every user's consent to it, so that a client registered later under the
     * same id asks again; its tokens are not ended here.
     *
     * @param id the client's id
     * @return true when a client was deleted
     */
    public boolean delete(String id) {
        boolean deleted = store.delete(id);
        consents.deleteAllForClient(id);
        return deleted;
    }

    /**
     * The confidential client that {@code id} and {@code secret} name together.
     *
     * @param id the client id presented
     * @param secret the secret presented
     * @return the client, or empty when the id is unknown, the client is public or the secret is wrong
     */
    public Optional<Client> authenticate(String id, String secret) {
        if (id == null || secret == null) {
            return Optional.empty();
        }
        Optional<Client> client = store.findById(id);
        String expected = client.flatMap(Client::secretHash).orElse(NO_CLIENT_HASH);
        boolean matches = MessageDigest.isEqual(TokenHashes.sha256(secret).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
        return matches && client.isPresent() && client.get().secretHash().isPresent() ? client : Optional.empty();
    }

    private ClientChange missingOrChanged(String id) {
        return store.findById(id).isPresent() ? new ClientChange.Conflict() : new ClientChange.NotFound();
    }

    /** Times as the SQL stores keep them, to the millisecond, so that every store compares them alike. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A change's time: now, or just after the last change when the clock has not moved past it. */
    private Instant after(Client before) {
        Instant now = now();
        return now.isAfter(before.updatedAt()) ? now : before.updatedAt().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    private static Optional<String> uriRefusal(ClientRegistration registration) {
        List<Optional<String>> refusals = new ArrayList<>();
        registration.redirectUris().forEach(uri -> refusals.add(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, registration.type())));
        registration.postLogoutRedirectUris()
                .forEach(uri -> refusals.add(RedirectUriPolicy.refusal(uri, UriUse.POST_LOGOUT_REDIRECT, registration.type())));
        registration.backchannelLogoutUri()
                .ifPresent(uri -> refusals.add(RedirectUriPolicy.refusal(uri, UriUse.BACKCHANNEL_LOGOUT, registration.type())));
        if (registration.type() == ClientType.PUBLIC && registration.firstParty()
                && !registration.redirectUris().stream().allMatch(uri -> uri.startsWith("https://"))) {
            // Any app on a device can claim a private-use scheme or a loopback port: without https
            // nothing shows that the app is the operator's, so the consent page must stay.
            refusals.add(Optional.of("a public client may be first-party only when all its redirect URIs are https"));
        }
        return refusals.stream().flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> accepted(Optional<ClientKeysPolicy.Verdict> keys) {
        return keys.map(verdict -> ((ClientKeysPolicy.Verdict.Accepted) verdict).jwks());
    }

    private static Client client(String id, ClientRegistration r, Optional<String> secretHash, Optional<String> jwks, boolean selfRegistered,
                                 Instant createdAt, Instant updatedAt) {
        return new Client(id, r.name(), r.type(), secretHash, jwks, r.redirectUris(), r.postLogoutRedirectUris(), r.backchannelLogoutUri(),
                r.scopes(), r.grants(), r.firstParty(), selfRegistered, r.accessTokenTtl(), r.refreshTokenTtl(), createdAt, updatedAt);
    }

    /** 128 random bits in lower-case hex: never read as a CLI option or a path segment. */
    private String generatedId() {
        byte[] value = new byte[GENERATED_ID_BYTES];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
