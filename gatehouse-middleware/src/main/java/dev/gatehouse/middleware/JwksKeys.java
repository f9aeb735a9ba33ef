package dev.gatehouse.middleware;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.keys.VerificationKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's public keys, fetched from its JWKS and cached.
 *
 * <ul>
 *   <li>The set is kept for the {@code max-age} of the answer's {@code Cache-Control} (capped at
 *       a day), else for {@link #DEFAULT_MAX_AGE}.</li>
 *   <li>A kid not in the set triggers a refetch (the server may have rotated), but at most once
 *       per {@code minRefetchInterval} (default {@link #DEFAULT_MIN_REFETCH}), so tokens with made-up
 *       kids cannot make this hammer the server. Expiry-driven refetches obey the same limit.</li>
 *   <li>A failed fetch (server down, timeout, bad JSON, a key refused) keeps the keys already held,
 *       even past their max-age; a kid that is not held is refused: a token we cannot verify is
 *       never accepted (fail closed).</li>
 * </ul>
 *
 * Times come from the injected clock. Thread-safe: one fetch at a time, under a lock.
 */
public final class JwksKeys implements VerificationKeys {
    /** How long a set is kept when the answer gives no {@code max-age}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    /**
     * The default least time between two fetches: short enough to pick up a rotated key soon, long
     * enough that tokens with made-up kids cannot make this hammer the server.
     */
    public static final Duration DEFAULT_MIN_REFETCH = Duration.ofSeconds(30);
    /** The default connect and request timeout of a fetch. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LONGEST_MAX_AGE = Duration.ofDays(1);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?", Pattern.CASE_INSENSITIVE);
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);

    private final URI uri;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong fetches = new AtomicLong();

    private Map<String, SigningKey> keys = Map.of();
    private Instant expiresAt = Instant.MIN;
    private Instant lastAttempt;

    /**
     * Keys from {@code uri}, refetched at most every {@link #DEFAULT_MIN_REFETCH}, each fetch
     * given {@link #DEFAULT_TIMEOUT}. Nothing is fetched until a key is asked for.
     *
     * @param uri   the JWKS, e.g. {@code https://auth.example.com/.well-known/jwks.json}
     * @param clock the clock the cache's times are read from
     * @throws IllegalArgumentException when {@code uri} is not an http or https address
     */
    public JwksKeys(URI uri, Clock clock) {
        this(uri, clock, DEFAULT_MIN_REFETCH, DEFAULT_TIMEOUT);
    }

    /**
     * Keys from {@code uri}, with the refetch limit and timeout given. Nothing is fetched until a
     * key is asked for. Redirects are not followed: the keys come from the address configured.
     *
     * @param uri                the JWKS, e.g. {@code https://auth.example.com/.well-known/jwks.json}
     * @param clock              the clock the cache's times are read from
     * @param minRefetchInterval the least time between two fetches
     * @param timeout            connect and request timeout of a fetch
     * @throws IllegalArgumentException when {@code uri} is not an http or https address, the interval
     *         is negative or the timeout is not positive
     */
    public JwksKeys(URI uri, Clock clock, Duration minRefetchInterval, Duration timeout) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minRefetchInterval = Objects.requireNonNull(minRefetchInterval, "minRefetchInterval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (minRefetchInterval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the refetch interval must not be negative and the timeout must be positive");
        }
        requireHttp(uri);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Refuses an address that is not http or https, where keys could not be fetched from. */
    static void requireHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the JWKS address must be http or https: " + uri);
        }
    }

    /**
     * The key with this kid, fetching the set first when it has expired or does not hold the kid,
     * as far as the refetch limit allows.
     *
     * @param kid the key id a token names
     * @return the key, or empty when no set held or fetched has it: the token is then refused
     */
    @Override
    public synchronized Optional<SigningKey> find(String kid) {
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt) && mayFetch(now)) {
            fetch(now);
        }
        SigningKey key = keys.get(kid);
        if (key == null && mayFetch(now)) {
            fetch(now);
            key = keys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    /**
     * How many fetches were attempted, successful or not.
     *
     * @return the number of fetches since this was made
     */
    public long fetches() {
        return fetches.get();
    }

    private boolean mayFetch(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(minRefetchInterval));
    }

    private void fetch(Instant now) {
        lastAttempt = now;
        fetches.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                LOG.warn("JWKS fetch from {} answered {}; keeping the keys held", uri, response.statusCode());
                return;
            }
            Map<String, SigningKey> fetched = new LinkedHashMap<>();
            for (SigningKey key : SigningKeys.fromJwkSet(response.body())) {
                fetched.put(key.kid(), key);
            }
            keys = Map.copyOf(fetched);
            expiresAt = now.plus(maxAge(response.headers().firstValue("Cache-Control")));
        } catch (IOException | RuntimeException e) {
            LOG.warn("JWKS fetch from {} failed; keeping the keys held", uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration maxAge(Optional<String> cacheControl) {
        if (cacheControl.isEmpty()) {
            return DEFAULT_MAX_AGE;
        }
        String value = cacheControl.get();
        if (value.toLowerCase(java.util.Locale.ROOT).contains("no-store") || value.toLowerCase(java.util.Locale.ROOT).contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher m = MAX_AGE.matcher(value);
        if (!m.find()) {
            return DEFAULT_MAX_AGE;
        }
        Duration age = Duration.ofSeconds(Long.parseLong(m.group(1)));
        return age.compareTo(LONGEST_MAX_AGE) > 0 ? LONGEST_MAX_AGE : age;
    }

    /**
     * Names the JWKS address, for logs.
     *
     * @return {@code JwksKeys[uri]}
     */
    @Override
    public String toString() {
        return "JwksKeys[" + uri + "]";
    }
}
