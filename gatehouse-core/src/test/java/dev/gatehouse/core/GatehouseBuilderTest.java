package dev.gatehouse.core;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.Credential;
import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.memory.InMemoryBackend;
import dev.gatehouse.core.password.Argon2Parameters;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatehouseBuilderTest {
    private static final String PASSWORD = "correct horse battery staple";
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryBackend stores = InMemoryBackend.create();
    private final PasswordHasher fastHasher = new PasswordHasher(new Argon2Parameters(1024, 1, 1), 2, Duration.ofSeconds(10));

    private static KeySource es256() {
        return new KeySource.Generated(SigningAlgorithm.ES256, Duration.ofDays(30), Optional.empty());
    }

    private static AccessTokenSettings accessTokens() {
        return new AccessTokenSettings("https://auth.example.com", "app", Duration.ofMinutes(15));
    }

    private User ada(Gatehouse gatehouse) {
        Registration r = gatehouse.users().register(new NewUser(Optional.of("ada@example.com"), Optional.empty(), PASSWORD, UserNames.none(), Role.COMMON));
        return ((Registration.Registered) r).user();
    }

    @Test
    void byDefaultOnlySessionsAreAcceptedAndTheyExpire() {
        Gatehouse gatehouse = Gatehouse.builder(stores).clock(clock).passwordHasher(fastHasher).build();
        User ada = ada(gatehouse);
        StartedSession session = gatehouse.sessions().start(ada.id(), ClientInfo.unknown());

        assertThat(gatehouse.authMethods()).isEqualTo(Set.of(AuthMethod.SESSION));
        assertThat(gatehouse.tokens()).isEmpty();
        assertThat(gatehouse.authenticator().authenticate(new Credential.SessionCookie(session.token())))
                .isInstanceOf(AuthResult.Authenticated.class);
        assertThat(gatehouse.authenticator().authenticate(new Credential.Basic("ada@example.com", PASSWORD)))
                .as("Basic must be asked for").isNotInstanceOf(AuthResult.Authenticated.class);

        clock.advance(Gatehouse.Builder.DEFAULT_SESSION_IDLE_TIMEOUT.plusSeconds(1));
        assertThat(gatehouse.authenticator().authenticate(new Credential.SessionCookie(session.token())))
                .as("idle past the default timeout").isNotInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void withTokensAPasswordChangeThroughAccountsEndsTheAccessTokensIssuedBefore() {
        Gatehouse gatehouse = Gatehouse.builder(stores).clock(clock).passwordHasher(fastHasher)
                .authMethods(AuthMethod.SESSION, AuthMethod.BEARER).tokens(es256(), accessTokens(), Duration.ofDays(1)).build();
        User ada = ada(gatehouse);
        String accessToken = gatehouse.tokens().orElseThrow().issue(ada, Optional.empty()).accessToken();
        assertThat(gatehouse.authenticator().authenticate(new Credential.Bearer(accessToken))).isInstanceOf(AuthResult.Authenticated.class);

        clock.advance(Duration.ofSeconds(1));
        gatehouse.accounts().setPassword(ada.id(), "another password altogether");

        assertThat(gatehouse.authenticator().authenticate(new Credential.Bearer(accessToken))).isNotInstanceOf(AuthResult.Authenticated.class);
        assertThat(gatehouse.keyRotator()).as("generated keys rotate").isPresent();
    }

    @Test
    void bearerWithoutTokensAndTokensWithoutBearerAreRefused() {
        assertThatThrownBy(() -> Gatehouse.builder(stores).authMethods(AuthMethod.BEARER).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokens(");
        assertThatThrownBy(() -> Gatehouse.builder(stores).tokens(es256(), accessTokens(), Duration.ofDays(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BEARER");
    }

    @Test
    void badArgumentsAreRefusedWhereTheyAreGiven() {
        Gatehouse.Builder builder = Gatehouse.builder(stores);

        assertThatThrownBy(() -> builder.authMethods(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.tokens(es256(), accessTokens(), Duration.ZERO)).hasMessageContaining("refreshTtl");
        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> Gatehouse.builder(null)).isInstanceOf(NullPointerException.class);
    }
}
