package dev.gatehouse.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.user.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the Gatehouse server whose a session cookie is ({@code POST /api/v1/auth/introspect},
 * RFC 7662, authenticated with the server's {@code GATEHOUSE_INTROSPECTION_SECRET}) and keeps the
 * answer briefly.
 *
 * <ul>
 *   <li>Answers are cached for {@code cacheTtl} (default {@link #DEFAULT_CACHE_TTL}), never past the
 *       session's own expiry: a logout at the server is seen here within that time. The cache is
 *       keyed by the token's SHA-256, holds at most {@code maxEntries}, and one question per token
 *       is in flight at a time however many requests carry it.</li>
 *   <li>Only an answer of {@code token_type} {@code session} counts: a refresh token put in the
 *       cookie is not a session.</li>
 *   <li>When the server cannot be reached or answers anything but 200 with a well-formed body,
 *       the answer is {@link SessionCheck.Unavailable}, not cached: nobody is signed in by a cookie
 *       that could not be checked (fail closed).</li>
 * </ul>
 */
public final class SessionIntrospection {
    /** How long an answer is trusted by default: the longest a logout at the server goes unseen here. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);
    /** The most answers kept by default, so that many cookies cannot fill the app's memory. */
    public static final long DEFAULT_MAX_ENTRIES = 100_000;
    /** The default connect and request timeout of a question to the server. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(SessionIntrospection.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer and the instant it stops being trusted. */
    private record Answer(SessionCheck check, Instant freshUntil) {
    }

    private final URI endpoint;
    private final String authorization;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Duration timeout;
    private final HttpClient http;
    private final AsyncCache<String, Answer> cache;
    private final AtomicLong questions = new AtomicLong();

    private SessionIntrospection(Builder b) {
        this.endpoint = b.endpoint;
        this.authorization = "Bearer " + b.secret;
        this.clock = b.clock;
        this.cacheTtl = b.cacheTtl;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.cache = Caffeine.newBuilder()
                .maximumSize(b.maxEntries)
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(new FreshFor())
                .buildAsync();
    }

    /**
     * A builder asking {@code endpoint} with {@code secret}.
     *
     * @param endpoint the server's introspection endpoint, e.g. {@code https://auth.example.com/api/v1/auth/introspect}
     * @param secret   the server's {@code GATEHOUSE_INTROSPECTION_SECRET}
     * @return a builder with the defaults described on each of its methods
     * @throws NullPointerException when either is null
     * @throws IllegalArgumentException when the endpoint is not an http or https address or the secret is blank
     */
    public static Builder builder(URI endpoint, String secret) {
        return new Builder(endpoint, secret);
    }

    /**
     * Whether the session token is live, and whose; a cached answer when one is fresh.
     *
     * @param sessionToken the session cookie's value
     * @return live with its caller, not live, or unavailable (not cached) when the server could
     *         not be asked or gave no usable answer
     */
    public SessionCheck check(String sessionToken) {
        CompletableFuture<Answer> answer = cache.get(TokenHashes.sha256(sessionToken), (key, executor) -> ask(sessionToken));
        try {
            return answer.join().check();
        } catch (CompletionException | CancellationException e) {
            // The cause may quote the endpoint, never the token or the secret.
            LOG.warn("session introspection at {} failed: {}", endpoint, describe(e));
            return new SessionCheck.Unavailable();
        }
    }

    /**
     * How many questions were sent to the server, answered or not.
     *
     * @return the number of questions since this was built
     */
    public long questions() {
        return questions.get();
    }

    private CompletableFuture<Answer> ask(String token) {
        questions.incrementAndGet();
        Instant asked = clock.instant();
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=session";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> answer(response, asked));
    }

    private Answer answer(HttpResponse<String> response, Instant asked) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + response.statusCode()
                    + (response.statusCode() == 401 ? " (is GATEHOUSE_INTROSPECTION_SECRET the same here and there?)" : ""));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the answer is not JSON", e);
        }
        Instant freshUntil = asked.plus(cacheTtl);
        if (!body.path("active").isBoolean()) {
            throw new IllegalStateException("the answer has no boolean 'active'");
        }
        if (!body.path("active").asBoolean() || !body.path("token_type").asText().equals("session")) {
            return new Answer(new SessionCheck.NotLive(), freshUntil);
        }
        if (body.path("exp").canConvertToLong()) {
            Instant expires = Instant.ofEpochSecond(body.path("exp").asLong());
            if (!asked.isBefore(expires)) {
                return new Answer(new SessionCheck.NotLive(), freshUntil);
            }
            freshUntil = expires.isBefore(freshUntil) ? expires : freshUntil;
        }
        return new Answer(new SessionCheck.Live(caller(body)), freshUntil);
    }

    private static VerifiedCaller caller(JsonNode body) {
        UUID subject;
        try {
            subject = UUID.fromString(body.path("sub").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the answer's 'sub' is not a user id");
        }
        Role role = Role.fromWireName(body.path("role").asText())
                .orElseThrow(() -> new IllegalStateException("the answer's 'role' is unknown"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(body, Map.class);
        return new VerifiedCaller(subject, text(body, "username"), text(body, "email"), role, fields, VerifiedCaller.Source.SESSION);
    }

    private static Optional<String> text(JsonNode body, String field) {
        return body.path(field).isTextual() ? Optional.of(body.path(field).asText()) : Optional.empty();
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Each answer is kept until its own {@link Answer#freshUntil}, read from the injected clock. */
    private final class FreshFor implements Expiry<String, Answer> {
        @Override
        public long expireAfterCreate(String key, Answer answer, long currentTime) {
            return Math.max(0, nanos(answer.freshUntil()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Answer answer, long currentTime, long currentDuration) {
            return expireAfterCreate(key, answer, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Answer answer, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /**
     * Names the endpoint, for logs; never the secret.
     *
     * @return {@code SessionIntrospection[endpoint]}
     */
    @Override
    public String toString() {
        return "SessionIntrospection[" + endpoint + "]";
    }

    /** Configures a {@link SessionIntrospection}. Not thread-safe; what it builds is. */
    public static final class Builder {
        private final URI endpoint;
        private final String secret;
        private Clock clock = Clock.systemUTC();
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private long maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI endpoint, String secret) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.secret = Objects.requireNonNull(secret, "secret");
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("the introspection endpoint must be http or https: " + endpoint);
            }
            if (secret.isBlank()) {
                throw new IllegalArgumentException("the introspection secret must not be blank");
            }
        }

        /**
         * The clock cache freshness and session expiry are judged by; default the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long an answer is trusted: the longest a logout at the server goes unseen here. Zero asks every time.
         * Default {@link #DEFAULT_CACHE_TTL}.
         *
         * @param cacheTtl how long an answer is kept; never past the session's own expiry
         * @return this builder
         * @throws IllegalArgumentException when {@code cacheTtl} is negative
         */
        public Builder cacheTtl(Duration cacheTtl) {
            if (cacheTtl.isNegative()) {
                throw new IllegalArgumentException("the cache time must not be negative");
            }
            this.cacheTtl = cacheTtl;
            return this;
        }

        /**
         * The most answers kept; default {@link #DEFAULT_MAX_ENTRIES}. A bound, so that a flood of
         * made-up cookies cannot fill the app's memory; past it some answers are dropped and their
         * cookies asked about again.
         *
         * @param maxEntries at least one
         * @return this builder
         * @throws IllegalArgumentException when {@code maxEntries} is less than one
         */
        public Builder maxEntries(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("the cache must hold at least one entry");
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * Connect and request timeout of a question to the server; default {@link #DEFAULT_TIMEOUT}.
         * A question that times out answers {@link SessionCheck.Unavailable}.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The introspection client. Redirects are not followed: the secret goes to the endpoint
         * configured and nowhere else.
         *
         * @return a client, thread-safe, asking nothing until a cookie is checked
         */
        public SessionIntrospection build() {
            return new SessionIntrospection(this);
        }
    }
}
