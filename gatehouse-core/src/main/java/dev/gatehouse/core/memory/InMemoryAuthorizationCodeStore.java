package dev.gatehouse.core.memory;

import dev.gatehouse.core.client.AuthorizationCode;
import dev.gatehouse.core.spi.AuthorizationCodeStore;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Authorization codes in this process's memory. */
public final class InMemoryAuthorizationCodeStore implements AuthorizationCodeStore {
    private final ConcurrentHashMap<String, AuthorizationCode> byHash = new ConcurrentHashMap<>();
    /** The hashes of codes exchanged more than once. */
    private final Set<String> reused = ConcurrentHashMap.newKeySet();

    /** An empty store. */
    public InMemoryAuthorizationCodeStore() {
    }

    @Override
    public void insert(AuthorizationCode code) {
        if (byHash.putIfAbsent(code.codeHash(), code) != null) {
            throw new IllegalStateException("an authorization code with this hash is already stored");
        }
    }

    @Override
    public Redemption redeem(String codeHash, Instant now) {
        AtomicReference<Redemption> outcome = new AtomicReference<>(new Redemption.Unknown());
        // computeIfPresent runs atomically per key: of racing exchanges exactly one sees it unredeemed.
        byHash.computeIfPresent(codeHash, (hash, code) -> {
            if (code.redeemedAt().isPresent()) {
                reused.add(hash);
                outcome.set(new Redemption.Again(code));
                return code;
            }
            AuthorizationCode redeemed = withRedemption(code, Optional.of(now), code.issuedFamilyId(), code.issuedAccessTokenId());
            outcome.set(new Redemption.First(redeemed));
            return redeemed;
        });
        return outcome.get();
    }

    @Override
    public boolean recordIssued(String codeHash, UUID familyId, String accessTokenId) {
        // Both run under the key's lock in computeIfPresent, so the mark is seen or the ids are.
        boolean[] reusedMeanwhile = {false};
        byHash.computeIfPresent(codeHash, (hash, code) -> {
            reusedMeanwhile[0] = reused.contains(hash);
            return withRedemption(code, code.redeemedAt(), Optional.ofNullable(familyId), Optional.of(accessTokenId));
        });
        return reusedMeanwhile[0];
    }

    @Override
    public int deleteExpired(Instant before) {
        int[] deleted = {0};
        byHash.values().removeIf(code -> {
            boolean expired = code.expiresAt().isBefore(before);
            if (expired) {
                deleted[0]++;
                reused.remove(code.codeHash());
            }
            return expired;
        });
        return deleted[0];
    }

    private static AuthorizationCode withRedemption(AuthorizationCode code, Optional<Instant> redeemedAt, Optional<UUID> familyId,
                                                    Optional<String> accessTokenId) {
        return new AuthorizationCode(code.codeHash(), code.clientId(), code.userId(), code.sessionId(), code.redirectUri(), code.scopes(),
                code.nonce(), code.codeChallenge(), code.authTime(), code.issuedAt(), code.expiresAt(), redeemedAt, familyId, accessTokenId);
    }
}
