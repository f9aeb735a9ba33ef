package dev.gatehouse.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionClient;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.SessionClientStore;
import dev.gatehouse.core.token.OpenIdTokenSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells clients that a session they signed a user in to has ended (OpenID Connect Back-Channel
 * Logout 1.0): a logout token, signed with the provider's keys, POSTed to each client's registered
 * {@code backchannel_logout_uri}. Every instance calls {@link #deliverDue()} now and then; the
 * store's claims let one instance alone send each token, and one that dies mid-way leaves the
 * entry to be taken again, so each client hears of each ended session at least once.
 *
 * <p>Each token names the session ({@code sid}, as in the ID token) and the user ({@code sub}),
 * lives two minutes and has its own {@code jti}. A delivery that fails for a reason that may pass
 * (no answer, a 5xx, 408 or 429) is tried again after 10 s, 1 min, 5 min, 30 min and 2 h, then
 * given up and logged; a client that refuses the token (another 4xx, or a redirect, which is never
 * followed: the token goes only to the URI the operator registered) is not asked again.
 */
public final class BackChannelLogout {
    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogout.class);
    /** The {@code typ} of a logout token (section 2.4), which no other token of the server carries. */
    static final JOSEObjectType LOGOUT_TOKEN_TYPE = new JOSEObjectType("logout+jwt");
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);
    /** How long a claim holds an entry: longer than a delivery may take, connection and answer together. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The most a whole delivery may take, the answer's body included: the client's timeouts end at
     * the answer's headers, and an endpoint that sends them and then trickles its body would
     * otherwise hold the delivering thread, and every logout behind it, for good.
     */
    static final Duration DELIVERY_TIMEOUT = CONNECT_TIMEOUT.plus(ANSWER_TIMEOUT);
    /** The longest a live session's entry waits before its session is looked at again. */
    static final Duration RECHECK = Duration.ofHours(1);
    /**
     * How long past a session's expiry it is judged: a use on another instance may not be written
     * yet (session touches are written behind the requests), and would have put the expiry back.
     */
    static final Duration EXPIRY_GRACE = Duration.ofMinutes(1);
    /** How long after each failed delivery the next is tried; after the last, the token is given up. */
    public static final List<Duration> RETRIES = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2));
    static final int BATCH = 32;
    private static final int MOST_BATCHES = 10;

    /**
     * What one call did.
     *
     * @param delivered logout tokens a client took
     * @param failed    deliveries that failed, to be tried again or given up
     * @param putOff    entries whose session is still live, to be looked at again later
     */
    public record Report(int delivered, int failed, int putOff) {
        Report plus(Report other) {
            return new Report(delivered + other.delivered, failed + other.failed, putOff + other.putOff);
        }

        boolean isEmpty() {
            return delivered + failed + putOff == 0;
        }
    }

    private record Delivery(SessionClient claimed, Client client, CompletableFuture<Integer> status) {
    }

    private final SessionClientStore entries;
    private final SessionService sessions;
    private final ClientStore clients;
    private final OpenIdTokenSigner signer;
    private final HttpClient http;
    private final Duration deliveryTimeout;
    private final Clock clock;

    BackChannelLogout(SessionClientStore entries, SessionService sessions, ClientStore clients, OpenIdTokenSigner signer, HttpClient http,
                      Duration deliveryTimeout, Clock clock) {
        this.entries = entries;
        this.sessions = sessions;
        this.clients = clients;
        this.signer = signer;
        this.http = http;
        this.deliveryTimeout = deliveryTimeout;
        this.clock = clock;
    }

    /** A client that never follows a redirect: the token goes to the registered URI or nowhere. */
    static HttpClient defaultClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Sends the logout tokens that are due and looks at the sessions whose check is due, a batch
     * at a time until none is left (or ten batches went, the rest waiting for the next call).
     * Waits for the deliveries it started.
     *
     * @return what was done
     */
    public Report deliverDue() {
        Report total = new Report(0, 0, 0);
        for (int batch = 0; batch < MOST_BATCHES; batch++) {
            List<SessionClient> due = entries.listDue(now(), BATCH);
            Report done = deliver(due);
            total = total.plus(done);
            if (due.size() < BATCH || done.isEmpty()) {
                break;
            }
        }
        return total;
    }

    private Report deliver(List<SessionClient> due) {
        Instant now = now();
        int putOff = 0;
        List<Delivery> deliveries = new ArrayList<>();
        for (SessionClient seen : due) {
            Optional<Session> live = seen.ended() ? Optional.empty() : sessions.findLive(seen.sessionId());
            if (live.isPresent()) {
                putOff += entries.claim(seen, seen.dueAt(nextCheck(live.get(), now), false, seen.attempts())) ? 1 : 0;
                continue;
            }
            Optional<Client> client = clients.findById(seen.clientId()).filter(c -> c.backchannelLogoutUri().isPresent());
            if (client.isEmpty()) {
                // The client was deleted, or no longer asks to be told: there is no one to tell.
                entries.delete(seen);
                continue;
            }
            SessionClient claimed = seen.dueAt(now.plus(CLAIM), true, seen.attempts());
            if (entries.claim(seen, claimed)) {
                deliveries.add(new Delivery(claimed, client.get(), send(client.get(), claimed, now)));
            }
        }
        int delivered = 0;
        for (Delivery delivery : deliveries) {
            delivered += settle(delivery) ? 1 : 0;
        }
        return new Report(delivered, deliveries.size() - delivered, putOff);
    }

    private CompletableFuture<Integer> send(Client client, SessionClient entry, Instant now) {
        String body = URLUtils.serializeParameters(Map.of("logout_token", List.of(logoutToken(client, entry, now))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.backchannelLogoutUri().orElseThrow()))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        return exchange.thenApply(HttpResponse::statusCode)
                .orTimeout(deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS)
                // Given up: the connection is closed rather than left to the endpoint.
                .whenComplete((status, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                    }
                });
    }

    /** Settles a delivery once its answer (or failure) is in; true when the client took the token. */
    private boolean settle(Delivery delivery) {
        SessionClient claimed = delivery.claimed();
        String client = delivery.client().id();
        int status;
        try {
            status = delivery.status().join();
        } catch (RuntimeException e) {
            // No secret in the message: the URI is the operator's, the cause a network error.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return retryOrGiveUp(claimed, client, "no answer (" + cause.getClass().getSimpleName() + ")");
        }
        if (status >= 200 && status < 300) {
            entries.delete(claimed);
            return true;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return retryOrGiveUp(claimed, client, "status " + status);
        }
        LOG.warn("back-channel logout: client {} refused the logout token of a session (status {}); not sent again", client, status);
        entries.delete(claimed);
        return false;
    }

    private boolean retryOrGiveUp(SessionClient claimed, String client, String why) {
        int failures = claimed.attempts() + 1;
        if (failures > RETRIES.size()) {
            LOG.warn("back-channel logout: client {} could not be told a session ended after {} attempts ({}); given up",
                    client, failures, why);
            entries.delete(claimed);
        } else {
            LOG.info("back-channel logout: delivery to client {} failed ({}); tried again in {}", client, why, RETRIES.get(claimed.attempts()));
            entries.claim(claimed, claimed.dueAt(now().plus(RETRIES.get(claimed.attempts())), true, failures));
        }
        return false;
    }

    private String logoutToken(Client client, SessionClient entry, Instant now) {
        LogoutTokenClaimsSet claims = new LogoutTokenClaimsSet(new Issuer(signer.issuer()), new Subject(entry.userId().toString()),
                List.of(new Audience(client.id())), Date.from(now), Date.from(now.plus(TOKEN_LIFETIME)), new JWTID(),
                new SessionID(entry.sessionId().toString()));
        try {
            return signer.sign(claims.toJWTClaimsSet(), LOGOUT_TOKEN_TYPE);
        } catch (ParseException e) {
            throw new IllegalStateException("the logout token's claims are well formed", e);
        }
    }

    /** The session's expiry and a grace, or an hour from now if that is sooner or it never expires. */
    private static Instant nextCheck(Session session, Instant now) {
        Instant recheck = now.plus(RECHECK);
        return session.expiresAt().map(expiry -> expiry.plus(EXPIRY_GRACE)).filter(at -> at.isBefore(recheck)).orElse(recheck);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
