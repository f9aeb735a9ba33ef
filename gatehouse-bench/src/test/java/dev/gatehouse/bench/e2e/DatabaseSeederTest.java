package dev.gatehouse.bench.e2e;

import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.UserService;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.jdbc.JdbcSessionStore;
import dev.gatehouse.jdbc.JdbcUserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the seeder writes is what the services read: users who can sign in, sessions their cookies resolve. */
class DatabaseSeederTest {
    private static final Instant SEEDED = Instant.parse("2026-11-23T12:00:00.123Z");
    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofDays(30), Duration.ofHours(12));

    @TempDir
    Path dir;

    @Test
    void seededUsersSignInWithTheSharedPasswordAndEachCookieResolvesToALiveSession() throws Exception {
        Path db = dir.resolve("main.db");
        Path cookies = dir.resolve("cookies.txt");
        PasswordHasher hasher = PasswordHasher.withDefaults(1);
        DatabaseSeeder seeder = new DatabaseSeeder(db, cookies, POLICY, Clock.fixed(SEEDED, ZoneOffset.UTC));

        seeder.addUsers(3, hasher.hash("the one password"));
        seeder.addSessions(4);
        seeder.addSessions(3); // a second call appends, as the driver does before the large scale row

        List<String> tokens = Files.readAllLines(cookies);
        assertThat(tokens).hasSize(7).doesNotHaveDuplicates();
        assertThat(seeder.sessions()).isEqualTo(7);
        Clock later = Clock.fixed(SEEDED.plusSeconds(1), ZoneOffset.UTC);
        try (JdbcDatabase database = JdbcDatabase.open("jdbc:sqlite:" + db)) {
            UserService users = new UserService(new JdbcUserStore(database), hasher, later);
            SessionService sessions = new SessionService(new JdbcSessionStore(database), new InMemorySessionClientStore(), POLICY, later);
            assertThat(users.authenticate(GatehouseClient.email(2), "the one password")).isPresent();
            assertThat(users.authenticate(GatehouseClient.email(3), "the one password")).isEmpty();
            for (String token : tokens) {
                Optional<Session> session = sessions.resolve(token);
                assertThat(session).isPresent();
                assertThat(session.get().createdAt()).isEqualTo(SEEDED);
                assertThat(session.get().absoluteExpiry()).contains(SEEDED.plus(Duration.ofDays(30)));
                assertThat(session.get().idleExpiry()).contains(SEEDED.plus(Duration.ofHours(12)));
            }
            // spread over the users in turn: the first and the fourth session belong to one user
            assertThat(sessions.resolve(tokens.get(0)).orElseThrow().userId())
                    .isEqualTo(sessions.resolve(tokens.get(3)).orElseThrow().userId())
                    .isNotEqualTo(sessions.resolve(tokens.get(1)).orElseThrow().userId());
        }
    }
}
