package dev.gatehouse.http;

import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.ratelimit.LoginAccounts;
import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins are counted across the JSON login, the login page, Basic and the current
 * password of a password change, per account whichever login names it, and refused with 429 past
 * the limit; registrations are counted per address.
 */
class LoginThrottleHttpTest {
    private static final Map<String, String> ADA = Map.of("email", "ada@example.com", "password", "correct horse battery");
    private static final Map<String, String> WRONG = Map.of("email", "ada@example.com", "password", "not her password");
    private static final Map<String, String> ADA_WITH_USERNAME = Map.of("email", "ada@example.com", "username", "ada", "password", "correct horse battery");
    private static final String LOGIN = Steps.API + "/auth/login";
    private static final String GUESSER = "203.0.113.7";
    private static final String VICTIM = "198.51.100.9";

    private static TestGatehouse start(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("AUTH_TYPE", "session,basic", "GATEHOUSE_LOGIN_MAX_FAILURES", "3",
                "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "5", "GATEHOUSE_LOGIN_FAILURE_WINDOW", "900"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return TestGatehouse.inMemory(settings);
    }

    @Test
    void pastTheLimitEvenTheRightPasswordIsRefusedUntilTheWindowEnds() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            for (int i = 0; i < 3; i++) {
                assertThat(api.postJson(LOGIN, WRONG).status()).isEqualTo(401);
            }
            Api.Reply refused = api.postJson(LOGIN, ADA);
            assertThrottled(refused);
            long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 900L);
            assertThat(refused.cookie(Steps.DEFAULT_COOKIE)).isEmpty();

            gatehouse.clock.advance(Duration.ofSeconds(retryAfter));
            assertThat(api.postJson(LOGIN, ADA).status()).isEqualTo(200);
        }
    }

    /**
     * A Basic caller names its account on every request; which account that is must not cost a
     * store read each time (the users store has no cache by login), while a new account is still
     * found once the remembered answer has expired.
     */
    @Test
    void aBasicCallersAccountIsLookedUpOncePerMemoryNotOnEveryRequest() {
        LoginLookups users = new LoginLookups();
        try (TestGatehouse gatehouse = TestGatehouse.on(Map.of("AUTH_TYPE", "session,basic"), users, new InMemorySessionStore())) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String basic = Api.basic("ada@example.com", "correct horse battery");
            int before = users.count.get();
            for (int i = 0; i < 20; i++) {
                assertThat(api.get(Steps.API + "/users/me", "Authorization", basic).status()).isEqualTo(200);
            }
            // One look-up for the throttle's account and one for the first full check; the credential cache serves the rest.
            assertThat(users.count.get() - before).isLessThanOrEqualTo(2);

            gatehouse.clock.advance(LoginAccounts.MEMORY.plusSeconds(1));
            int later = users.count.get();
            assertThat(api.get(Steps.API + "/users/me", "Authorization", basic).status()).isEqualTo(200);
            assertThat(users.count.get()).isGreaterThan(later);
        }
    }

    /** A real in-memory user store that counts the look-ups by email or username. */
    private static final class LoginLookups implements UserStore {
        private final UserStore store = new InMemoryUserStore();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public boolean insert(User user) {
            return store.insert(user);
        }

        @Override
        public Optional<User> findById(UUID id) {
            return store.findById(id);
        }

        @Override
        public Optional<User> findByEmail(String email) {
            count.incrementAndGet();
            return store.findByEmail(email);
        }

        @Override
        public Optional<User> findByUsername(String username) {
            count.incrementAndGet();
            return store.findByUsername(username);
        }

        @Override
        public boolean update(User user) {
            return store.update(user);
        }

        @Override
        public boolean delete(UUID id) {
            return store.delete(id);
        }

        @Override
        public List<User> list(int offset, int limit) {
            return store.list(offset, limit);
        }

        @Override
        public long count() {
            return store.count();
        }

        @Override
        public long countWithRole(Role role) {
            return store.countWithRole(role);
        }
    }

    @Test
    void theLoginPageAndBasicCountAndAreRefusedToo() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            assertThat(api.postForm("/login", Map.of("login", "ada@example.com", "password", "nope nope")).status()).isEqualTo(401);
            assertThat(api.get(Steps.API + "/users/me", "Authorization", Api.basic("ada@example.com", "nope nope")).status()).isEqualTo(401);
            assertThat(api.postJson(LOGIN, WRONG).status()).isEqualTo(401);

            Api.Reply page = api.postForm("/login", Map.of("login", "ada@example.com", "password", "correct horse battery"));
            assertThat(page.status()).isEqualTo(429);
            assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("Too many failed sign-ins");
            assertThat(page.header("Retry-After")).isPresent();

            Api.Reply basic = api.get(Steps.API + "/users/me", "Authorization", Api.basic("ada@example.com", "correct horse battery"));
            assertThat(basic.status()).isEqualTo(429);
            assertThat(basic.error()).isEqualTo("too_many_attempts");
        }
    }

    @Test
    void aSuccessForgivesEarlierFailures() {
        // The address's own count is not forgiven: it is set high here to watch the login's count alone.
        try (TestGatehouse gatehouse = start("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "100")) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            for (int round = 0; round < 3; round++) {
                assertThat(api.postJson(LOGIN, WRONG).status()).isEqualTo(401);
                assertThat(api.postJson(LOGIN, WRONG).status()).isEqualTo(401);
                assertThat(api.postJson(LOGIN, ADA).status()).as("round %d", round).isEqualTo(200);
            }
        }
    }

    @Test
    void clientsBehindATrustedProxyAreCountedByTheirOwnAddress() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            for (int i = 0; i < 3; i++) {
                assertThat(api.postJson(LOGIN, WRONG, "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(401);
            }
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(429);
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", "198.51.100.9").status()).as("another client").isEqualTo(200);
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", "203.0.113.7, 198.51.100.9").status())
                    .as("the rightmost untrusted hop is the client: 198.51.100.9").isEqualTo(200);
        }
    }

    @Test
    void fromAnUntrustedPeerTheForwardedHeaderIsIgnored() {
        try (TestGatehouse gatehouse = start("GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8")) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            for (int i = 0; i < 3; i++) {
                assertThat(api.postJson(LOGIN, WRONG, "X-Forwarded-For", "203.0.113." + i).status()).isEqualTo(401);
            }
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", "198.51.100.9").status())
                    .as("a made-up address does not escape the count").isEqualTo(429);
        }
    }

    @Test
    void sprayingManyLoginsFromOneAddressIsRefused() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            for (int i = 0; i < 5; i++) {
                assertThat(api.postJson(LOGIN, Map.of("email", "user" + i + "@example.com", "password", "guess guess")).status()).isEqualTo(401);
            }
            assertThat(api.postJson(LOGIN, ADA).status()).isEqualTo(429);
        }
    }

    private static void assertThrottled(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.error()).isEqualTo("too_many_attempts");
        assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Long.parseLong(reply.header("Retry-After").orElseThrow())).isPositive();
    }

    @Test
    void theEmailAndTheUsernameOfOneAccountShareOneCount() {
        try (TestGatehouse gatehouse = start("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "100")) {
            Api api = gatehouse.api();
            Steps.register(api, ADA_WITH_USERNAME);
            assertThat(api.postJson(LOGIN, WRONG).status()).isEqualTo(401);
            assertThat(api.postJson(LOGIN, Map.of("username", "ADA", "password", "not her password")).status()).isEqualTo(401);
            assertThat(api.get(Steps.API + "/users/me", "Authorization", Api.basic("\uFF41da", "not her password")).status()).isEqualTo(401);

            assertThrottled(api.postJson(LOGIN, ADA));
            assertThrottled(api.postJson(LOGIN, Map.of("login", "ada", "password", "correct horse battery")));
        }
    }

    @Test
    void aLoginThatNamesNobodyIsCountedByItsNormalFormLikeAnAccount() {
        try (TestGatehouse gatehouse = start("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "100")) {
            Api api = gatehouse.api();
            assertThat(api.postJson(LOGIN, Map.of("email", "ghost@example.com", "password", "guess one")).status()).isEqualTo(401);
            assertThat(api.postJson(LOGIN, Map.of("email", "GHOST@example.com", "password", "guess two")).status()).isEqualTo(401);
            assertThat(api.postJson(LOGIN, Map.of("email", "\uFF47host@example.com", "password", "guess three")).status()).isEqualTo(401);
            assertThrottled(api.postJson(LOGIN, Map.of("email", "ghost@example.com", "password", "guess four")));
        }
    }

    @Test
    void guessingTheCurrentPasswordOfAPasswordChangeIsThrottledLikeASignIn() {
        try (TestGatehouse gatehouse = start("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "100")) {
            Api api = gatehouse.api();
            String id = Steps.register(api, ADA);
            String cookie = Steps.login(api, ADA);
            Map<String, String> guess = Map.of("new_password", "a brand new passphrase", "current_password", "a wrong guess");
            for (int i = 0; i < 3; i++) {
                Api.Reply wrong = api.call("PUT", Steps.API + "/users/" + id).headers(Steps.cookie(cookie)).json(guess).send();
                assertThat(wrong.status()).as(wrong.body()).isEqualTo(403);
            }
            assertThrottled(api.call("PUT", Steps.API + "/users/" + id).headers(Steps.cookie(cookie))
                    .json(Map.of("new_password", "a brand new passphrase", "current_password", "correct horse battery")).send());
            assertThrottled(api.postJson(LOGIN, ADA));
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", VICTIM).status()).as("the owner elsewhere").isEqualTo(200);
        }
    }

    @Test
    void aGuesserFromOneAddressIsThrottledWhileTheOwnerElsewhereSignsIn() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            for (int i = 0; i < 3; i++) {
                assertThat(api.postJson(LOGIN, WRONG, "X-Forwarded-For", GUESSER).status()).isEqualTo(401);
            }
            for (int i = 0; i < 20; i++) {
                assertThrottled(api.postJson(LOGIN, WRONG, "X-Forwarded-For", GUESSER));
            }
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", VICTIM).status()).isEqualTo(200);
            gatehouse.clock.advance(Duration.ofMinutes(15));
            for (int i = 0; i < 3; i++) {
                assertThat(api.postJson(LOGIN, WRONG, "X-Forwarded-For", GUESSER).status()).isEqualTo(401);
            }
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", VICTIM).status()).as("window after window").isEqualTo(200);
        }
    }

    @Test
    void guessesSpreadOverManyAddressesSlowTheAccountDownButNeverLockIt() {
        try (TestGatehouse gatehouse = start("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT", "6")) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", VICTIM).status()).isEqualTo(200);
            for (int i = 0; i < 7; i++) {
                assertThat(api.postJson(LOGIN, WRONG, "X-Forwarded-For", "192.0.2." + i).status()).isEqualTo(401);
            }
            Api.Reply slowed = api.postJson(LOGIN, ADA, "X-Forwarded-For", "192.0.2.100");
            assertThrottled(slowed);
            assertThat(slowed.header("Retry-After")).contains("1");
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", VICTIM).status()).as("where the owner signed in before").isEqualTo(200);

            gatehouse.clock.advance(Duration.ofSeconds(1));
            assertThat(api.postJson(LOGIN, ADA, "X-Forwarded-For", "192.0.2.100").status()).as("a second later").isEqualTo(200);
        }
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        try (TestGatehouse gatehouse = start("GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "3")) {
            Api api = gatehouse.api();
            for (int i = 0; i < 3; i++) {
                Steps.register(api, Map.of("email", "user" + i + "@example.com", "password", "correct horse battery"));
            }
            Api.Reply refused = api.postJson(Steps.API + "/users", Map.of("email", "user3@example.com", "password", "correct horse battery"));
            assertThrottled(refused);
            assertThat(refused.json().path("detail").asText()).contains("registrations");
            assertThat(gatehouse.users.findByLogin("user3@example.com")).isEmpty();
            assertThat(api.postJson(Steps.API + "/users", Map.of("email", "user3@example.com", "password", "correct horse battery"),
                    "X-Forwarded-For", VICTIM).status()).as("another address").isEqualTo(201);

            gatehouse.clock.advance(Duration.ofHours(1));
            Steps.register(api, Map.of("email", "user4@example.com", "password", "correct horse battery"));
        }
    }
}
