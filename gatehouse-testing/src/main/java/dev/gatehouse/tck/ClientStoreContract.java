package dev.gatehouse.tck;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.spi.ClientStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ClientStore} must do: keep every field of a client exactly (the order of its
 * URIs included), let exactly one of many racing registrations of one id win, update all but the
 * id and creation time, and delete.
 */
public abstract class ClientStoreContract {
    private static final int RACERS = 16;
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** The store under test, fresh for each test. */
    protected ClientStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public ClientStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a client store holding nothing, not shared with any other test
     */
    protected abstract ClientStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    /** A confidential web client with every optional field set. */
    static Client webApp(String id) {
        return new Client(id, "Grafana", ClientType.CONFIDENTIAL, Optional.of("c2VjcmV0LWhhc2gtb2YtMzItYnl0ZXMtYmFzZTY0dXJs"), Optional.empty(),
                List.of("https://grafana.example.com/login/generic_oauth", "https://grafana.example.com/a?b=c&d=%20"),
                List.of("https://grafana.example.com/logged-out"), Optional.of("https://grafana.example.com/backchannel"),
                Set.of("openid", "profile", "email", "offline_access", "grafana:admin"),
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS), false, false,
                Optional.of(Duration.ofMinutes(5)), Optional.of(Duration.ofDays(7)), CREATED, CREATED);
    }

    /** A public native client with no optional field set. */
    static Client nativeApp(String id) {
        return new Client(id, "CLI", ClientType.PUBLIC, Optional.empty(), Optional.empty(), List.of("http://127.0.0.1/callback"), List.of(), Optional.empty(),
                Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), true, false, Optional.empty(), Optional.empty(), CREATED, CREATED);
    }

    @Test
    void anUnknownIdHasNoClient() {
        assertThat(store.findById("grafana")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void everyFieldIsKeptExactly() {
        Client web = webApp("grafana");
        Client cli = nativeApp("cli");

        assertThat(store.insert(web)).isTrue();
        assertThat(store.insert(cli)).isTrue();

        assertThat(store.findById("grafana")).hasValue(web);
        assertThat(store.findById("grafana").orElseThrow().redirectUris()).containsExactlyElementsOf(web.redirectUris());
        assertThat(store.findById("cli")).hasValue(cli);
    }

    @Test
    void aClientsKeysAndSelfRegistrationAreKeptExactlyAndReplacedByAnUpdate() {
        String keys = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
        Client worker = new Client("worker", "Worker", ClientType.CONFIDENTIAL, Optional.empty(), Optional.of(keys), List.of(), List.of(),
                Optional.empty(), Set.of("reports"), Set.of(GrantType.CLIENT_CREDENTIALS), false, true, Optional.empty(), Optional.empty(),
                CREATED, CREATED);
        assertThat(store.insert(worker)).isTrue();
        assertThat(store.findById("worker")).hasValue(worker);

        Instant later = CREATED.plusSeconds(60);
        Client withSecret = new Client("worker", "Worker", ClientType.CONFIDENTIAL, Optional.of("c2VjcmV0LWhhc2g"), Optional.empty(),
                List.of(), List.of(), Optional.empty(), Set.of("reports"), Set.of(GrantType.CLIENT_CREDENTIALS), false, false, Optional.empty(),
                Optional.empty(), CREATED, later);
        assertThat(store.update(withSecret, CREATED)).isTrue();
        assertThat(store.findById("worker")).hasValue(withSecret);
    }

    @Test
    void idsAreComparedExactly() {
        store.insert(webApp("grafana"));

        assertThat(store.findById("Grafana")).isEmpty();
        assertThat(store.findById("grafana ")).isEmpty();
        assertThat(store.delete("GRAFANA")).isFalse();
    }

    @Test
    void theListIsOrderedById() {
        store.insert(nativeApp("zeta"));
        store.insert(webApp("alpha"));
        store.insert(nativeApp("mid"));

        assertThat(store.list()).extracting(Client::id).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void aTakenIdIsRefusedAndTheFirstClientKept() {
        Client first = webApp("grafana");
        assertThat(store.insert(first)).isTrue();

        assertThat(store.insert(nativeApp("grafana"))).isFalse();

        assertThat(store.findById("grafana")).hasValue(first);
    }

    @Test
    void exactlyOneOfManyRacingRegistrationsOfOneIdWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Client client = i % 2 == 0 ? webApp("racer") : nativeApp("racer");
                Callable<Boolean> insert = () -> {
                    start.await();
                    return store.insert(client);
                };
                results.add(pool.submit(insert));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isOne();
            assertThat(store.list()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateReplacesAllButTheIdAndTheCreationTime() {
        store.insert(webApp("grafana"));
        Instant later = CREATED.plusSeconds(3600);
        Client changed = new Client("grafana", "Grafana (staging)", ClientType.PUBLIC, Optional.empty(), Optional.empty(), List.of("http://[::1]/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), true, false, Optional.empty(),
                Optional.empty(), later, later);

        assertThat(store.update(changed, CREATED)).isTrue();

        Client found = store.findById("grafana").orElseThrow();
        assertThat(found.createdAt()).isEqualTo(CREATED);
        assertThat(found).isEqualTo(new Client("grafana", "Grafana (staging)", ClientType.PUBLIC, Optional.empty(), Optional.empty(), List.of("http://[::1]/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), true, false, Optional.empty(),
                Optional.empty(), CREATED, later));
    }

    @Test
    void anUpdateOfAnUnknownClientStoresNothing() {
        assertThat(store.update(webApp("ghost"), CREATED)).isFalse();
        assertThat(store.findById("ghost")).isEmpty();
    }

    @Test
    void anUpdateOfAClientChangedSinceItWasReadChangesNothing() {
        store.insert(webApp("grafana"));
        Instant later = CREATED.plusSeconds(60);
        Client first = new Client("grafana", "First", ClientType.CONFIDENTIAL, Optional.of("Zmlyc3Q"), Optional.empty(), List.of("https://a.example/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, false, Optional.empty(),
                Optional.empty(), CREATED, later);
        Client second = new Client("grafana", "Second", ClientType.CONFIDENTIAL, Optional.of("c2Vjb25k"), Optional.empty(), List.of("https://b.example/cb"),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, false, Optional.empty(),
                Optional.empty(), CREATED, later.plusSeconds(1));

        assertThat(store.update(first, CREATED)).isTrue();
        assertThat(store.update(second, CREATED)).isFalse();

        assertThat(store.findById("grafana")).hasValue(first);
    }

    @Test
    void aDeletedClientIsGoneAndASecondDeleteFindsNothing() {
        store.insert(webApp("grafana"));
        store.insert(nativeApp("cli"));

        assertThat(store.delete("grafana")).isTrue();
        assertThat(store.delete("grafana")).isFalse();

        assertThat(store.findById("grafana")).isEmpty();
        assertThat(store.list()).extracting(Client::id).containsExactly("cli");
    }
}
