package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.Consent;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.memory.InMemoryConsentStore;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRegistryTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryClientStore store = new InMemoryClientStore();
    private final InMemoryConsentStore consents = new InMemoryConsentStore();
    private final ClientRegistry registry = new ClientRegistry(store, consents, clock);

    private static ClientRegistration web(Optional<String> id) {
        return new ClientRegistration(id, "Grafana", ClientType.CONFIDENTIAL, Optional.empty(), List.of("https://grafana.example.com/login/generic_oauth"),
                List.of("https://grafana.example.com/"), Optional.empty(), Set.of("openid", "profile", "email"),
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), false, Optional.empty(), Optional.empty());
    }

    private static ClientRegistration spa(ClientType type) {
        return new ClientRegistration(Optional.empty(), "SPA", type, Optional.empty(), List.of("http://localhost:5173/callback"), List.of(),
                Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, Optional.empty(), Optional.empty());
    }

    private static ClientChange.Saved saved(ClientChange change) {
        assertThat(change).isInstanceOf(ClientChange.Saved.class);
        return (ClientChange.Saved) change;
    }

    @Test
    void aConfidentialClientGetsA256BitSecretShownOnceAndKeptOnlyAsItsHash() {
        ClientChange.Saved saved = saved(registry.register(web(Optional.of("grafana"))));

        String secret = saved.secret().orElseThrow();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        Client stored = store.findById("grafana").orElseThrow();
        assertThat(stored.secretHash()).hasValue(TokenHashes.sha256(secret));
        assertThat(stored.toString()).doesNotContain(secret).doesNotContain(stored.secretHash().orElseThrow());
        assertThat(saved.toString()).doesNotContain(secret);
        assertThat(stored.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void aPublicClientHasNoSecretAndAGeneratedIdWhenNoneIsGiven() {
        ClientChange.Saved one = saved(registry.register(spa(ClientType.PUBLIC)));
        ClientChange.Saved two = saved(registry.register(spa(ClientType.PUBLIC)));

        assertThat(one.secret()).isEmpty();
        assertThat(one.client().secretHash()).isEmpty();
        assertThat(one.client().id()).matches("[0-9a-f]{32}").isNotEqualTo(two.client().id());
    }

    @Test
    void aTakenIdIsRefusedAndTheFirstClientKept() {
        Client first = saved(registry.register(web(Optional.of("grafana")))).client();

        assertThat(registry.register(web(Optional.of("grafana")))).isInstanceOf(ClientChange.IdTaken.class);
        assertThat(registry.find("grafana")).hasValue(first);
    }

    @Test
    void aRefusedUriStoresNothingAndSaysWhy() {
        ClientRegistration evil = new ClientRegistration(Optional.of("evil"), "Evil", ClientType.CONFIDENTIAL, Optional.empty(),
                List.of("https://app.example.com/cb", "https://app.example.com/cb#frag"), List.of(), Optional.empty(), Set.of("openid"),
                Set.of(GrantType.AUTHORIZATION_CODE), false, Optional.empty(), Optional.empty());

        assertThat(registry.register(evil)).isEqualTo(new ClientChange.Invalid("a redirect URI must not have a fragment"));
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void aCombinationTheRecordRefusesIsInvalidNotAnException() {
        ClientRegistration publicService = new ClientRegistration(Optional.of("svc"), "Service", ClientType.PUBLIC, Optional.empty(), List.of(), List.of(),
                Optional.empty(), Set.of(), Set.of(GrantType.CLIENT_CREDENTIALS), false, Optional.empty(), Optional.empty());

        assertThat(registry.register(publicService)).isInstanceOfSatisfying(ClientChange.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("client_credentials needs a confidential client"));
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void theRightSecretAuthenticatesAndNothingElseDoes() {
        String secret = saved(registry.register(web(Optional.of("grafana")))).secret().orElseThrow();
        String spa = saved(registry.register(spa(ClientType.PUBLIC))).client().id();

        assertThat(registry.authenticate("grafana", secret)).map(Client::id).hasValue("grafana");
        assertThat(registry.authenticate("grafana", secret + "x")).isEmpty();
        assertThat(registry.authenticate("grafana", "")).isEmpty();
        assertThat(registry.authenticate("grafana", null)).isEmpty();
        assertThat(registry.authenticate("Grafana", secret)).isEmpty();
        assertThat(registry.authenticate("nobody", secret)).isEmpty();
        assertThat(registry.authenticate(spa, "")).isEmpty();
        assertThat(registry.authenticate(spa, secret)).isEmpty();
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnce() {
        String old = saved(registry.register(web(Optional.of("grafana")))).secret().orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        ClientChange.Saved rotated = saved(registry.rotateSecret("grafana"));

        String fresh = rotated.secret().orElseThrow();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(registry.authenticate("grafana", old)).isEmpty();
        assertThat(registry.authenticate("grafana", fresh)).isPresent();
        assertThat(rotated.client().updatedAt()).isEqualTo(clock.instant());
        assertThat(registry.rotateSecret("nobody")).isInstanceOf(ClientChange.NotFound.class);
        String spa = saved(registry.register(spa(ClientType.PUBLIC))).client().id();
        assertThat(registry.rotateSecret(spa)).isInstanceOf(ClientChange.Invalid.class);
    }

    @Test
    void anUpdateKeepsTheSecretOfAClientThatStaysConfidential() {
        String secret = saved(registry.register(web(Optional.of("grafana")))).secret().orElseThrow();
        ClientRegistration renamed = new ClientRegistration(Optional.of("ignored"), "Grafana (prod)", ClientType.CONFIDENTIAL, Optional.empty(),
                List.of("https://grafana.example.com/login/generic_oauth", "https://grafana2.example.com/login/generic_oauth"), List.of(),
                Optional.of("https://grafana.example.com/backchannel"), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), true,
                Optional.of(Duration.ofMinutes(5)), Optional.empty());

        ClientChange.Saved updated = saved(registry.update("grafana", renamed));

        assertThat(updated.secret()).isEmpty();
        assertThat(updated.client().id()).isEqualTo("grafana");
        assertThat(updated.client().name()).isEqualTo("Grafana (prod)");
        assertThat(registry.authenticate("grafana", secret)).isPresent();
        assertThat(registry.find("grafana")).hasValue(updated.client());
    }

    @Test
    void aClientMadeConfidentialGetsASecretAndOneMadePublicLosesIt() {
        String id = saved(registry.register(spa(ClientType.PUBLIC))).client().id();

        ClientChange.Saved confidential = saved(registry.update(id, spa(ClientType.CONFIDENTIAL)));
        String secret = confidential.secret().orElseThrow();
        assertThat(registry.authenticate(id, secret)).isPresent();

        ClientChange.Saved again = saved(registry.update(id, spa(ClientType.PUBLIC)));
        assertThat(again.client().secretHash()).isEmpty();
        assertThat(registry.authenticate(id, secret)).isEmpty();
    }

    @Test
    void anUpdateOfAnUnknownClientOrWithABadUriChangesNothing() {
        assertThat(registry.update("nobody", web(Optional.empty()))).isInstanceOf(ClientChange.NotFound.class);
        Client before = saved(registry.register(web(Optional.of("grafana")))).client();
        ClientRegistration bad = new ClientRegistration(Optional.empty(), "Grafana", ClientType.CONFIDENTIAL, Optional.empty(), List.of("http://grafana.example.com/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, Optional.empty(), Optional.empty());

        assertThat(registry.update("grafana", bad)).isInstanceOf(ClientChange.Invalid.class);
        assertThat(registry.find("grafana")).hasValue(before);
    }

    @Test
    void aDeletedClientCannotAuthenticateAndAClientRegisteredUnderItsIdInheritsNoConsent() {
        String secret = saved(registry.register(web(Optional.of("grafana")))).secret().orElseThrow();
        UUID ada = UUID.randomUUID();
        consents.save(new Consent(ada, "grafana", Set.of("openid", "email"), clock.instant()));

        assertThat(registry.delete("grafana")).isTrue();
        assertThat(consents.find(ada, "grafana")).isEmpty();
        assertThat(registry.delete("grafana")).isFalse();
        assertThat(registry.authenticate("grafana", secret)).isEmpty();
    }

    @Test
    void aPublicClientIsFirstPartyOnlyWithHttpsRedirects() {
        ClientRegistration loopback = new ClientRegistration(Optional.of("cli"), "CLI", ClientType.PUBLIC, Optional.empty(), List.of("http://127.0.0.1/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), true, Optional.empty(), Optional.empty());
        ClientRegistration web = new ClientRegistration(Optional.of("spa"), "SPA", ClientType.PUBLIC, Optional.empty(), List.of("https://app.example.com/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), true, Optional.empty(), Optional.empty());

        assertThat(registry.register(loopback)).isInstanceOfSatisfying(ClientChange.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("first-party only when all its redirect URIs are https"));
        assertThat(registry.register(web)).isInstanceOf(ClientChange.Saved.class);
    }

    @Test
    void aChangeToAClientChangedSinceItWasReadIsAConflictAndChangesNothing() {
        registry.register(web(Optional.of("grafana")));
        ClientRegistry other = new ClientRegistry(store, consents, clock);
        // Another admin rotates the secret between this update's read and its write.
        ClientStore racing = new ClientStore() {
            @Override
            public boolean insert(Client client) {
                return store.insert(client);
            }

            @Override
            public Optional<Client> findById(String id) {
                Optional<Client> found = store.findById(id);
                other.rotateSecret(id);
                return found;
            }

            @Override
            public List<Client> list() {
                return store.list();
            }

            @Override
            public boolean update(Client client, Instant readAt) {
                return store.update(client, readAt);
            }

            @Override
            public boolean delete(String id) {
                return store.delete(id);
            }
        };
        Client rotated = store.findById("grafana").orElseThrow();

        assertThat(new ClientRegistry(racing, consents, clock).update("grafana", web(Optional.empty())))
                .isInstanceOf(ClientChange.Conflict.class);

        Client after = store.findById("grafana").orElseThrow();
        assertThat(after.name()).isEqualTo(rotated.name());
        assertThat(after.secretHash()).isNotEqualTo(rotated.secretHash());
        assertThat(after.updatedAt()).isAfter(rotated.updatedAt());
    }

    @Test
    void changesMadeInOneMillisecondStillFollowEachOther() {
        Client registered = saved(registry.register(web(Optional.of("grafana")))).client();

        Client once = saved(registry.rotateSecret("grafana")).client();
        Client twice = saved(registry.rotateSecret("grafana")).client();

        assertThat(once.updatedAt()).isAfter(registered.updatedAt());
        assertThat(twice.updatedAt()).isAfter(once.updatedAt());
    }
}
