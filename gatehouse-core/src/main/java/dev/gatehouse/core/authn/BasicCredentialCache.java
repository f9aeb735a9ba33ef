package dev.gatehouse.core.authn;

import dev.gatehouse.core.internal.support.BoundedExpiringCache;
import dev.gatehouse.core.internal.support.ConstantTime;
import dev.gatehouse.core.internal.support.Futures;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserFields;
import dev.gatehouse.core.user.UserService;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short while, that a Basic login and password were right, so that a client
 * sending the same {@code Authorization: Basic} header on every request pays the password hash
 * (Argon2id, tens of milliseconds) once per {@link #DEFAULT_TTL} instead of on every request.
 *
 * <p>What is kept, and why it is safe:
 * <ul>
 *   <li>The key of an entry is HMAC-SHA256 of {@code login "\0" password} under a random key made
 *       when this object is made and never written anywhere. Neither the password nor an unkeyed
 *       hash of it is kept: an entry is useless without the key, and the key dies with the process.
 *   <li>The value is the user's id and the SHA-256 of the user's password hash (PHC string) at the
 *       time the password verified. On a hit the user is read again by id and the entry is served
 *       only if the user still exists, still answers to this login, and still has that password
 *       hash: a password change, a deleted user or a changed login end the entry at once.
 *   <li>Only successes are cached. A wrong password never matches an entry (another HMAC) and is
 *       verified in full, costing a hash and counting as a failure wherever failures are counted.
 * </ul>
 *
 * <p>The time to live is a constant, not a setting: it bounds how long a password that verified
 * stays usable without a hash if the entry could somehow outlive its checks, and one minute
 * already turns one hash per request into one per client per minute; nothing is gained by
 * letting deployments stretch it.
 */
public final class BasicCredentialCache {
    /** How long a verified login and password are remembered. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** The default bound: this many distinct (login, password) pairs, about 150 bytes each. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private static final String HMAC = "HmacSHA256";

    /** The full check of a login and password: hashes the password. */
    @FunctionalInterface
    public interface PasswordVerification {
        /**
         * Checks a login and password in full.
         *
         * @param login an email or username
         * @param password the password as typed
         * @return the user, or empty when the login is unknown or the password wrong
         */
        Optional<User> authenticate(String login, String password);
    }

    private record Entry(UUID userId, String passwordHashDigest) {
    }

    private final BoundedExpiringCache<Entry> entries;
    private final SecretKeySpec key;
    private final Function<UUID, Optional<User>> findUser;
    private final PasswordVerification verification;
    private final Clock clock;
    private final Duration ttl;
    /** Verifications running now, by entry key: how concurrent misses of one credential share one hash. */
    private final Map<String, CompletableFuture<Optional<User>>> inFlight = new ConcurrentHashMap<>();

    /**
     * A cache in front of {@link UserService#authenticate}, with {@link #DEFAULT_TTL} and {@link #DEFAULT_MAX_ENTRIES}.
     *
     * @param users reads users by id and checks passwords in full
     * @param clock the time entries expire by
     * @return a new, empty cache with a key of its own
     */
    public static BasicCredentialCache of(UserService users, Clock clock) {
        return new BasicCredentialCache(users::find, users::authenticate, clock, DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A cache in front of {@code verification}, keyed under a new random HMAC key.
     *
     * @param findUser     reads a user by id (cheap; cached in shared-store deployments)
     * @param verification the full check, run on every miss
     * @param clock        the time entries expire by
     * @param ttl          how long a verified login and password are remembered; positive
     * @param maxEntries   the most entries held at once, at least 1
     * @throws IllegalArgumentException when {@code ttl} is not positive or {@code maxEntries} is below 1
     */
    public BasicCredentialCache(Function<UUID, Optional<User>> findUser, PasswordVerification verification, Clock clock,
                                Duration ttl, int maxEntries) {
        this.findUser = Objects.requireNonNull(findUser, "findUser");
        this.verification = Objects.requireNonNull(verification, "verification");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the time to live must be positive: " + ttl);
        }
        this.ttl = ttl;
        this.entries = new BoundedExpiringCache<>(maxEntries, clock);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /**
     * The user, when this login and password verified within the time to live and nothing about the user changed since.
     *
     * @param login an email or username, as presented
     * @param password the password, as presented
     * @return the user, or empty on a miss, which says nothing about the password
     */
    public Optional<User> cached(String login, String password) {
        if (login == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        return cachedUnder(entryKey(login, password), login);
    }

    private Optional<User> cachedUnder(String entryKey, String login) {
        Optional<Entry> entry = entries.get(entryKey);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = findUser.apply(entry.get().userId())
                .filter(u -> answersTo(u, login))
                .filter(u -> ConstantTime.equals(TokenHashes.sha256(u.passwordHash()), entry.get().passwordHashDigest()));
        if (user.isEmpty()) {
            entries.remove(entryKey);
        }
        return user;
    }

    /**
     * The user from the cache, or else from the full verification (a success is then remembered).
     * Concurrent misses of one login and password share one verification: a client that opens 64
     * connections with the same credentials costs one hash, not 64 (which would also overflow the
     * hashing queue into 503s). Each caller gets the shared answer, failure or success, as if it
     * had hashed itself, and counts it in the throttle as such.
     *
     * @param login an email or username, as presented
     * @param password the password, as presented
     * @return the user, or empty when the login is unknown or the password wrong
     */
    public Optional<User> authenticate(String login, String password) {
        // One HMAC for the lookup, the shared verification and the entry it leaves.
        String entryKey = entryKey(login, password);
        Optional<User> hit = cachedUnder(entryKey, login);
        if (hit.isPresent()) {
            return hit;
        }
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> running = inFlight.putIfAbsent(entryKey, mine);
        if (running != null) {
            return awaitShared(running);
        }
        try {
            Optional<User> verified = verification.authenticate(login, password);
            verified.ifPresent(user -> entries.put(entryKey,
                    new Entry(user.id(), TokenHashes.sha256(user.passwordHash())), clock.instant().plus(ttl)));
            mine.complete(verified);
            return verified;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(entryKey, mine);
        }
    }

    /** The answer of the verification another caller runs for the same credentials; its failure is rethrown as is. */
    private static Optional<User> awaitShared(CompletableFuture<Optional<User>> running) {
        return Futures.join(running);
    }

    /**
     * How many entries are held now (for tests and metrics).
     *
     * @return the number of entries, expired ones not yet dropped included
     */
    public int size() {
        return entries.size();
    }

    /** The login still names this user: an email or username given away since does not carry the entry along. */
    private static boolean answersTo(User user, String login) {
        Optional<String> normalised = UserFields.normalise(login);
        return normalised.isPresent() && (user.email().equals(normalised) || user.username().equals(normalised));
    }

    private String entryKey(String login, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal((login + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every JDK", e);
        }
    }
}
