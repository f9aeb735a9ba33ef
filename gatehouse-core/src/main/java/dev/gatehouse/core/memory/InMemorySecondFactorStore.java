package dev.gatehouse.core.memory;

import dev.gatehouse.core.factor.TotpFactor;
import dev.gatehouse.core.spi.SecondFactorStore;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Second factors in this process's memory. */
public final class InMemorySecondFactorStore implements SecondFactorStore {
    private record CodeKey(UUID userId, String codeHash) {
    }

    private final ConcurrentHashMap<UUID, TotpFactor> totp = new ConcurrentHashMap<>();
    private final Set<CodeKey> recoveryCodes = ConcurrentHashMap.newKeySet();

    /** An empty store. */
    public InMemorySecondFactorStore() {
    }

    @Override
    public Optional<TotpFactor> findTotp(UUID userId) {
        return Optional.ofNullable(totp.get(userId));
    }

    @Override
    public boolean savePendingTotp(TotpFactor factor) {
        if (factor.confirmed()) {
            throw new IllegalArgumentException("a new enrolment is not confirmed");
        }
        TotpFactor kept = totp.merge(factor.userId(), factor, (old, pending) -> old.confirmed() ? old : pending);
        return kept == factor;
    }

    @Override
    public boolean confirmTotp(UUID userId, long step) {
        boolean[] confirmed = {false};
        totp.computeIfPresent(userId, (id, factor) -> {
            if (factor.confirmed()) {
                return factor;
            }
            confirmed[0] = true;
            return new TotpFactor(id, factor.sealedSecret(), true, OptionalLong.of(step), factor.createdAt());
        });
        return confirmed[0];
    }

    @Override
    public boolean acceptTotpStep(UUID userId, OptionalLong previous, long step) {
        boolean[] accepted = {false};
        totp.computeIfPresent(userId, (id, factor) -> {
            if (!factor.confirmed() || !factor.lastAcceptedStep().equals(previous)) {
                return factor;
            }
            accepted[0] = true;
            return new TotpFactor(id, factor.sealedSecret(), true, OptionalLong.of(step), factor.createdAt());
        });
        return accepted[0];
    }

    @Override
    public boolean deleteTotp(UUID userId) {
        return totp.remove(userId) != null;
    }

    @Override
    public void replaceRecoveryCodes(UUID userId, Set<String> codeHashes) {
        // Not one atomic step here, unlike SQL: a code used during the replacement may still be counted once.
        recoveryCodes.removeIf(key -> key.userId().equals(userId));
        codeHashes.forEach(hash -> recoveryCodes.add(new CodeKey(userId, hash)));
    }

    @Override
    public boolean useRecoveryCode(UUID userId, String codeHash) {
        return recoveryCodes.remove(new CodeKey(userId, codeHash));
    }

    @Override
    public int countRecoveryCodes(UUID userId) {
        return (int) recoveryCodes.stream().filter(key -> key.userId().equals(userId)).count();
    }

    @Override
    public void deleteAll(UUID userId) {
        totp.remove(userId);
        recoveryCodes.removeIf(key -> key.userId().equals(userId));
    }
}
