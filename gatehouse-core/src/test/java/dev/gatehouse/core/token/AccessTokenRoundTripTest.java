package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenRoundTripTest {
    static final AccessTokenSettings SETTINGS = new AccessTokenSettings("https://auth.example", "gatehouse", Duration.ofMinutes(15));
    static final User ALICE = new User(UUID.fromString("3f1c6b4e-2a7d-4f0e-9a55-1c2d3e4f5a6b"), Optional.of("alice@example.com"),
            Optional.of("alice"), Optional.of("Alice"), Optional.of("Liddell"), Optional.of("Alice Liddell"), Role.ADMIN,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", Instant.EPOCH, Instant.EPOCH);

    private final MutableClock clock = MutableClock.atFixedStart();

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void everyAlgorithmRoundTrips(SigningAlgorithm algorithm) {
        SigningKey key = TestKeys.of(algorithm);
        IssuedAccessToken issued = new AccessTokenIssuer(SETTINGS, clock).issue(ALICE, key, Optional.of("session-1"));

        AccessTokenCheck check = new AccessTokenVerifier(SETTINGS, TestKeys.ring(key), clock).verify(issued.token());

        assertThat(check).isInstanceOf(AccessTokenCheck.Valid.class);
        AccessTokenClaims claims = ((AccessTokenCheck.Valid) check).claims();
        assertThat(claims.subject()).isEqualTo(new TokenSubject.User(ALICE.id(), Optional.of("alice"), Optional.of("Alice Liddell"), Role.ADMIN));
        assertThat(claims.grant()).isEmpty();
        assertThat(claims.jti()).isEqualTo(issued.jti());
        assertThat(claims.issuedAt()).isEqualTo(clock.instant());
        assertThat(claims.expiresAt()).isEqualTo(issued.expiresAt()).isEqualTo(clock.instant().plus(SETTINGS.ttl()));
        assertThat(claims.sid()).contains("session-1");
        assertThat(claims.raw()).containsEntry("iss", "https://auth.example").containsEntry("aud", "gatehouse");
    }

    @Test
    void headerCarriesAlgKidAndAccessTokenType() {
        SigningKey key = TestKeys.of(SigningAlgorithm.ES256);
        String token = new AccessTokenIssuer(SETTINGS, clock).issue(ALICE, key).token();
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), UTF_8);

        assertThat(header).contains("\"alg\":\"ES256\"", "\"kid\":\"" + key.kid() + "\"", "\"typ\":\"at+jwt\"");
    }

    @Test
    void absentFieldsAreOmittedAndJtiIsFresh() {
        User bob = new User(UUID.randomUUID(), Optional.of("bob@example.com"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Role.COMMON, "hash", Instant.EPOCH, Instant.EPOCH);
        SigningKey key = TestKeys.of(SigningAlgorithm.HS256);
        AccessTokenIssuer issuer = new AccessTokenIssuer(SETTINGS, clock);
        IssuedAccessToken first = issuer.issue(bob, key);
        IssuedAccessToken second = issuer.issue(bob, key);

        AccessTokenClaims claims = ((AccessTokenCheck.Valid) new AccessTokenVerifier(SETTINGS, TestKeys.ring(key), clock)
                .verify(first.token())).claims();
        assertThat(claims.raw()).doesNotContainKeys("username", "name", "sid");
        assertThat(claims.user().orElseThrow().role()).isEqualTo(Role.COMMON);
        assertThat(first.jti()).isNotEqualTo(second.jti());
        assertThat(Base64.getUrlDecoder().decode(first.jti())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(first.toString()).doesNotContain(first.token());
    }

    @Test
    void aPublicOnlyKeyCannotSign() {
        SigningKey publicOnly = TestKeys.publicOf(TestKeys.of(SigningAlgorithm.RS256));
        assertThatThrownBy(() -> new AccessTokenIssuer(SETTINGS, clock).issue(ALICE, publicOnly))
                .isInstanceOf(TokenProcessingException.class);
    }

    @Test
    void settingsRejectBadValuesAtOnce() {
        assertThatThrownBy(() -> new AccessTokenSettings(" ", "a", Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessTokenSettings("i", "", Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessTokenSettings("i", "a", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessTokenSettings("i", "a", Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    }
}
