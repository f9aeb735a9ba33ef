package dev.gatehouse.oidc;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.memory.InMemoryBackend;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionClient;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.AccessTokenSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery of logout tokens against an endpoint that misbehaves: one that sends its answer's
 * headers and then never finishes the body must cost one failed attempt at the deadline, not the
 * delivering thread (and every logout queued behind it).
 */
class BackChannelLogoutTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryBackend stores = InMemoryBackend.create();
    private final Gatehouse gatehouse = Gatehouse.builder(stores).clock(clock).authMethods(AuthMethod.SESSION, AuthMethod.BEARER)
            .tokens(new KeySource.Generated(SigningAlgorithm.ES256, Duration.ofDays(30), Optional.empty()),
                    new AccessTokenSettings("https://auth.example.com", "gatehouse", Duration.ofMinutes(15)), Duration.ofDays(1))
            .build();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer app;

    @AfterEach
    void stop() {
        release.countDown();
        if (app != null) {
            app.stop(0);
        }
    }

    private String trickling() throws IOException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/bc", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write('.');
            body.flush();
            try {
                // The rest of the body never comes, until the test is over.
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        app.start();
        return "http://127.0.0.1:" + app.getAddress().getPort() + "/bc";
    }

    @Test
    @Timeout(30)
    void anAnswerThatNeverEndsIsOneFailedAttemptAtTheDeadline() throws IOException {
        ClientRegistry clients = new ClientRegistry(stores.clients(), stores.consents(), clock);
        assertThat(clients.register(new ClientRegistration(Optional.of("app"), "App", ClientType.CONFIDENTIAL, Optional.empty(),
                List.of("https://app.example.com/cb"), List.of(), Optional.of(trickling()), Set.of("openid"),
                Set.of(GrantType.AUTHORIZATION_CODE), false, Optional.empty(), Optional.empty()))).isInstanceOf(ClientChange.Saved.class);
        UUID user = UUID.randomUUID();
        Session session = gatehouse.sessions().start(user, new ClientInfo(Optional.empty(), Optional.empty())).session();
        gatehouse.sessions().recordClient(session, "app");
        assertThat(gatehouse.sessions().endOwned(user, session.id())).isTrue();
        BackChannelLogout logout = new BackChannelLogout(stores.sessionClients(), gatehouse.sessions(), stores.clients(),
                gatehouse.tokens().orElseThrow().openIdTokens(), BackChannelLogout.defaultClient(), Duration.ofMillis(500), clock);

        assertThat(logout.deliverDue()).isEqualTo(new BackChannelLogout.Report(0, 1, 0));

        SessionClient entry = stores.sessionClients().find(session.id(), "app").orElseThrow();
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.checkAt()).isEqualTo(clock.instant().plus(BackChannelLogout.RETRIES.getFirst()));
    }
}
