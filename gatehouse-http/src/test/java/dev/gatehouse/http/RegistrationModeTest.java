package dev.gatehouse.http;

import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.UserNames;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static dev.gatehouse.http.Steps.API;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GATEHOUSE_REGISTRATION}: who may create users through {@code POST /api/v1/users}. */
class RegistrationModeTest {
    private static final Map<String, String> ADA = Map.of("email", "ada@example.com", "password", "correct horse battery");
    private static final String ROOT = "root@example.com";
    private static final String ROOT_PASSWORD = "root password 1";

    @Test
    void byDefaultAStrangerCannotRegister() {
        try (TestGatehouse gatehouse = TestGatehouse.asShipped(Map.of())) {
            Api.Reply refused = gatehouse.api().postJson(API + "/users", ADA);

            assertRegistrationClosed(refused);
            assertThat(gatehouse.users.count()).isZero();
            assertThat(gatehouse.api().postJson(API + "/auth/login", ADA).status()).isEqualTo(401);
        }
    }

    @Test
    void byDefaultASignedInAdminCreatesUsersAndACommonUserCannot() {
        try (TestGatehouse gatehouse = TestGatehouse.asShipped(Map.of())) {
            gatehouse.users.ensureAdmin(ROOT, ROOT_PASSWORD);
            Api api = gatehouse.api();
            String[] admin = Steps.cookie(Steps.login(api, Map.of("email", ROOT, "password", ROOT_PASSWORD)));

            Api.Reply created = api.postJson(API + "/users", ADA, admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(api.postJson(API + "/users", Map.of("email", "bob@example.com", "password", "bob password 1"),
                    "Authorization", Api.basic(ROOT, ROOT_PASSWORD)).status()).isEqualTo(201);

            String[] ada = Steps.cookie(Steps.login(api, ADA));
            assertRegistrationClosed(api.postJson(API + "/users", Map.of("email", "eve@example.com", "password", "eve password 1"), ada));
            // Wrong credentials are still a 401, as everywhere else.
            assertThat(api.postJson(API + "/users", Map.of("email", "eve@example.com", "password", "eve password 1"),
                    "Authorization", Api.basic(ROOT, "wrong password")).status()).isEqualTo(401);
            assertThat(gatehouse.users.count()).isEqualTo(3);
        }
    }

    /** The per-address registration limit is for strangers: an admin creating accounts is not one. */
    @Test
    void anAdminCreatingUsersIsNotHeldToTheRegistrationLimit() {
        try (TestGatehouse gatehouse = TestGatehouse.asShipped(Map.of("GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "2"))) {
            gatehouse.users.ensureAdmin(ROOT, ROOT_PASSWORD);
            Api api = gatehouse.api();
            String[] admin = Steps.cookie(Steps.login(api, Map.of("email", ROOT, "password", ROOT_PASSWORD)));
            for (int i = 0; i < 5; i++) {
                Api.Reply created = api.postJson(API + "/users", Map.of("email", "user" + i + "@example.com", "password", "correct horse battery"), admin);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            assertThat(gatehouse.users.count()).isEqualTo(6);
        }
    }

    @Test
    void closedRefusesEvenAnAdminWhileTheLibraryStillCreatesUsers() {
        try (TestGatehouse gatehouse = TestGatehouse.asShipped(Map.of("GATEHOUSE_REGISTRATION", "closed"))) {
            gatehouse.users.ensureAdmin(ROOT, ROOT_PASSWORD);

            assertRegistrationClosed(gatehouse.api().postJson(API + "/users", ADA, "Authorization", Api.basic(ROOT, ROOT_PASSWORD)));
            assertRegistrationClosed(gatehouse.api().postJson(API + "/users", ADA));
            // What the command line does: straight to the service.
            assertThat(gatehouse.users.register(new NewUser(Optional.of("ada@example.com"), Optional.empty(), "correct horse battery",
                    UserNames.none(), Role.COMMON))).isInstanceOf(dev.gatehouse.core.user.Registration.Registered.class);
        }
    }

    @Test
    void openLetsAnyoneRegisterButOnlyAnAdminMakesAnAdmin() {
        try (TestGatehouse gatehouse = TestGatehouse.asShipped(Map.of("GATEHOUSE_REGISTRATION", "open"))) {
            assertThat(gatehouse.api().postJson(API + "/users", ADA).status()).isEqualTo(201);
            Api.Reply asAdmin = gatehouse.api().postJson(API + "/users",
                    Map.of("email", "eve@example.com", "password", "eve password 1", "role", "admin"));
            assertThat(asAdmin.status()).isEqualTo(401);
        }
    }

    private static void assertRegistrationClosed(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.json().path("error").asText()).isEqualTo("registration_closed");
    }
}
