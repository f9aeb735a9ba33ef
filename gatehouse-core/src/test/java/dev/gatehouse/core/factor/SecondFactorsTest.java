package dev.gatehouse.core.factor;

import dev.gatehouse.core.keys.MasterKey;
import dev.gatehouse.core.keys.MasterKeySealer;
import dev.gatehouse.core.memory.InMemorySecondFactorStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecondFactorsTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemorySecondFactorStore store = new InMemorySecondFactorStore();
    private final SecondFactors factors = new SecondFactors(store, new MasterKeySealer(Optional.of(MasterKey.generate())), clock,
            new SecureRandom());
    private final UUID ada = UUID.randomUUID();

    private String codeNow(TotpSecret secret) {
        return Totp.code(secret, Totp.stepAt(clock.instant()));
    }

    /** A code of none of the steps a check would take now. */
    private String wrongCode(TotpSecret secret) {
        long step = Totp.stepAt(clock.instant());
        List<String> window = List.of(Totp.code(secret, step - 1), Totp.code(secret, step), Totp.code(secret, step + 1));
        int candidate = 0;
        while (window.contains(String.format("%06d", candidate))) {
            candidate++;
        }
        return String.format("%06d", candidate);
    }

    @Test
    void anAppSignsNobodyInUntilAFirstCodeConfirmsIt() {
        TotpSecret secret = factors.beginTotp(ada).orElseThrow();
        assertThat(factors.hasTotp(ada)).isFalse();
        assertThat(factors.checkTotp(ada, codeNow(secret))).as("not confirmed").isFalse();

        assertThat(factors.confirmTotp(ada, wrongCode(secret))).isFalse();
        assertThat(factors.confirmTotp(ada, codeNow(secret))).isTrue();
        assertThat(factors.hasTotp(ada)).isTrue();
        assertThat(factors.beginTotp(ada)).as("a confirmed app is removed first").isEmpty();
    }

    @Test
    void aCodePassesOnceAndTheConfirmingCodeIsUsedUp() {
        TotpSecret secret = factors.beginTotp(ada).orElseThrow();
        String confirming = codeNow(secret);
        factors.confirmTotp(ada, confirming);
        assertThat(factors.checkTotp(ada, confirming)).as("the code that confirmed the app").isFalse();

        clock.advance(Duration.ofSeconds(30));
        String next = codeNow(secret);
        assertThat(factors.checkTotp(ada, next)).isTrue();
        assertThat(factors.checkTotp(ada, next)).as("replayed").isFalse();
        assertThat(factors.checkTotp(UUID.randomUUID(), next)).as("another user, with no app").isFalse();
    }

    @Test
    void aSecretIsSealedForItsUserAlone() {
        TotpSecret secret = factors.beginTotp(ada).orElseThrow();
        TotpFactor stored = store.findTotp(ada).orElseThrow();
        assertThat(stored.sealedSecret()).startsWith("gcm1:").doesNotContain(secret.base32());

        UUID bob = UUID.randomUUID();
        store.savePendingTotp(new TotpFactor(bob, stored.sealedSecret(), false, stored.lastAcceptedStep(), stored.createdAt()));
        assertThatThrownBy(() -> factors.confirmTotp(bob, codeNow(secret)))
                .as("a sealed secret moved to another user's row does not open").isInstanceOf(MasterKeySealer.UnsealingException.class);
    }

    @Test
    void recoveryCodesAreTenEightyBitCodesEachUsableOnce() {
        List<String> codes = factors.newRecoveryCodes(ada);
        assertThat(codes).hasSize(SecondFactors.RECOVERY_CODES).allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(new HashSet<>(codes)).hasSize(SecondFactors.RECOVERY_CODES);

        assertThat(factors.useRecoveryCode(ada, codes.get(0))).isTrue();
        assertThat(factors.useRecoveryCode(ada, codes.get(0))).as("used up").isFalse();
        assertThat(factors.useRecoveryCode(ada, codes.get(1).replace("-", "").toUpperCase(Locale.ROOT))).as("as typed, without dashes")
                .isTrue();
        assertThat(factors.useRecoveryCode(UUID.randomUUID(), codes.get(2))).as("another user").isFalse();
        assertThat(factors.useRecoveryCode(ada, codes.get(2) + "a")).isFalse();
        assertThat(factors.useRecoveryCode(ada, null)).isFalse();
        assertThat(factors.recoveryCodesLeft(ada)).isEqualTo(8);

        List<String> fresh = factors.newRecoveryCodes(ada);
        assertThat(factors.useRecoveryCode(ada, codes.get(3))).as("the old set ended").isFalse();
        assertThat(factors.useRecoveryCode(ada, fresh.get(0))).isTrue();
    }

    @Test
    void aResetRemovesTheAppAndTheCodes() {
        TotpSecret secret = factors.beginTotp(ada).orElseThrow();
        factors.confirmTotp(ada, codeNow(secret));
        factors.newRecoveryCodes(ada);

        factors.reset(ada);

        assertThat(factors.hasTotp(ada)).isFalse();
        assertThat(factors.recoveryCodesLeft(ada)).isZero();
        assertThat(factors.beginTotp(ada)).isPresent();
    }
}
