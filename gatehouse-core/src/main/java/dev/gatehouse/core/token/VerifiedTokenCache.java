package dev.gatehouse.core.token;

import dev.gatehouse.core.internal.support.BoundedExpiringCache;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.spi.TokenHashes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Access tokens whose signature and claims verified, so that a token presented again costs a
 * SHA-256 and a map lookup instead of a signature verification (ES256: about a millisecond).
 *
 * <p>Only successes are kept, keyed by the SHA-256 of the whole compact token: a token differing
 * in any character (a forged signature included) is another key and is verified in full. The
 * token itself is never kept. An entry is served only while a full verification would accept the
 * token at this instant: the time rules (exp, nbf, iat with the verifier's leeway) are re-applied
 * on each hit, the entry expires at exp + leeway, and the key that verified it must still be one
 * that may verify (a retired or removed key ends its tokens here as it would there). Whatever is
 * not served falls back to the full verification, so the cache can change speed, never answers.
 *
 * <p>Revocation is not this class' business: the store-side checks (jti, the user's not-before,
 * the session, the user) run after it on every request.
 */
final class VerifiedTokenCache {
    /** What a full verification established about one token. */
    record Verified(AccessTokenClaims claims, SigningKey key, Optional<Instant> notBefore) {
    }

    private final BoundedExpiringCache<Verified> entries;
    private final Clock clock;
    private final Duration leeway;

    VerifiedTokenCache(int maxEntries, Clock clock, Duration leeway) {
        this.entries = new BoundedExpiringCache<>(maxEntries, clock);
        this.clock = clock;
        this.leeway = leeway;
    }

    static String keyOf(String token) {
        return TokenHashes.sha256(token);
    }

    /** The claims of a verified token, when every rule a full verification applies would pass now. */
    Optional<AccessTokenClaims> find(String key, JwsSignatureCheck.KeyLookup keys) {
        Optional<Verified> hit = entries.get(key);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        Verified verified = hit.get();
        AccessTokenClaims claims = verified.claims();
        boolean timely = AccessTokenClaimsPolicy.timeViolation(clock.instant(), leeway, claims.expiresAt(), verified.notBefore(),
                claims.issuedAt()).isEmpty();
        if (!timely || !keys.find(Optional.of(verified.key().kid())).filter(verified.key()::equals).isPresent()) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    void remember(String key, Verified verified) {
        entries.put(key, verified, verified.claims().expiresAt().plus(leeway));
    }

    int size() {
        return entries.size();
    }
}
