package dev.gatehouse.bench.e2e;

import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.jdbc.JdbcSessionStore;
import dev.gatehouse.jdbc.JdbcUserStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds users and live sessions straight into a server's SQLite file, with the project's own
 * store code, while that server is stopped. Through the API each user and each session costs the
 * server an Argon2id hash (about 50 ms of a core): a million sessions would take hours; here they
 * take about a minute. The rows are what the services would write: every user gets the one PHC
 * string the caller hashed, and every session is made as {@code SessionService.start} makes one
 * (a fresh 256-bit token from {@link SecureIds}, stored by its {@link TokenHashes#sha256} only,
 * expiries from the policy). The raw tokens, the session cookies' values, are appended to a file,
 * one a line, for {@code lua/cookies.lua}; the file is a secret and lives in the run's temp directory.
 */
final class DatabaseSeeder {
    /**
     * Rows built and handed to the store at a time (its insertAll commits up to 100,000 a
     * transaction): bounds the driver's memory whatever the count.
     */
    private static final int CHUNK = 100_000;
    /**
     * SQLite's page cache of the seeding connection, in KiB (a pragma in the URL, which sqlite-jdbc
     * applies on top of the store's settings; the server's own connections keep theirs). The id and
     * token-hash indexes take random keys, so every row lands on another page; with the default
     * 2 MB cache the pages of a million sessions' indexes (about 350 MB) are read, spilled and
     * written again over and over, and seeding takes about twice as long.
     */
    private static final int PAGE_CACHE_KIB = 400_000;
    /** Shown in the user's list of sessions, so seeded ones are told apart from sign-ins. */
    private static final ClientInfo CLIENT = new ClientInfo(Optional.of("gatehouse-bench seeder"), Optional.empty());

    private final String jdbcUrl;
    private final Path cookies;
    private final SessionPolicy policy;
    private final Clock clock;
    private final List<UUID> users = new ArrayList<>();
    private int sessions;

    /**
     * @param database the server's SQLite file (created and migrated when missing)
     * @param cookies where the sessions' raw tokens go, appended one a line
     * @param policy the server's session policy: seeded sessions expire as its own would
     */
    DatabaseSeeder(Path database, Path cookies, SessionPolicy policy, Clock clock) {
        this.jdbcUrl = "jdbc:sqlite:" + database + "?cache_size=-" + PAGE_CACHE_KIB;
        this.cookies = cookies;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Adds {@code count} common users, {@code user<n>@bench.test} numbered on from those seeded
     * before, all with {@code passwordHash}: one hash for all, so seeding costs one Argon2id hash.
     */
    void addUsers(int count, String passwordHash) {
        try (JdbcDatabase database = JdbcDatabase.open(jdbcUrl)) {
            JdbcUserStore store = new JdbcUserStore(database);
            for (int done = 0; done < count; done += CHUNK) {
                Instant now = now();
                List<User> chunk = new ArrayList<>(CHUNK);
                for (int i = 0; i < Math.min(CHUNK, count - done); i++) {
                    chunk.add(new User(SecureIds.newUuid(), Optional.of(GatehouseClient.email(users.size() + chunk.size())),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Role.COMMON,
                            passwordHash, now, now));
                }
                store.insertAll(chunk);
                chunk.forEach(u -> users.add(u.id()));
            }
        }
    }

    /**
     * Adds {@code count} live sessions, spread over the seeded users in turn, and appends their
     * raw tokens to the cookie file in the same order.
     */
    void addSessions(int count) throws IOException {
        if (users.isEmpty()) {
            throw new IllegalStateException("sessions belong to users: seed users first");
        }
        try (JdbcDatabase database = JdbcDatabase.open(jdbcUrl);
             BufferedWriter tokens = Files.newBufferedWriter(cookies, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            JdbcSessionStore store = new JdbcSessionStore(database);
            for (int done = 0; done < count; done += CHUNK) {
                List<Session> chunk = new ArrayList<>(CHUNK);
                for (int i = 0; i < Math.min(CHUNK, count - done); i++) {
                    String token = SecureIds.newToken();
                    chunk.add(newSession(token, users.get((sessions + chunk.size()) % users.size())));
                    tokens.write(token);
                    tokens.newLine();
                }
                store.insertAll(chunk);
                sessions += chunk.size();
            }
        }
    }

    /** As {@code SessionService.start} makes one: created and last seen now, expiries from the policy. */
    private Session newSession(String token, UUID userId) {
        Instant now = now();
        Optional<Instant> absolute = policy.hasAbsoluteLimit() ? Optional.of(now.plus(policy.absoluteLifetime())) : Optional.empty();
        Optional<Instant> idle = policy.hasIdleLimit() ? Optional.of(now.plus(policy.idleTimeout())) : Optional.empty();
        return new Session(SecureIds.newUuid(), TokenHashes.sha256(token), userId, now, now, absolute, idle,
                CLIENT.userAgent(), CLIENT.remoteAddress());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    int users() {
        return users.size();
    }

    /** How many sessions are seeded, and so how many lines the cookie file has. */
    int sessions() {
        return sessions;
    }

    Path cookies() {
        return cookies;
    }
}
