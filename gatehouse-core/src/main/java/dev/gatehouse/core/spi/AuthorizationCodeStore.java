package dev.gatehouse.core.spi;

import dev.gatehouse.core.client.AuthorizationCode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where authorization codes are kept between the authorization and the token endpoint (SPI).
 * Thread-safe; shared by every instance, since the two requests of one flow may reach different
 * ones. {@link #redeem} is a single atomic step: of any number of concurrent exchanges of one
 * code exactly one is the first.
 */
public interface AuthorizationCodeStore {
    /** What an exchange found. */
    sealed interface Redemption {
        /**
         * The code's first exchange: it is now marked redeemed.
         *
         * @param code the code, its {@code redeemedAt} the time of this exchange
         */
        record First(AuthorizationCode code) implements Redemption {
            /** Refuses a missing code. */
            public First {
                Objects.requireNonNull(code, "code");
            }
        }

        /**
         * The code was exchanged before (and is now marked reused): the caller refuses it and
         * revokes what the first exchange issued.
         *
         * @param code the code, with when it was redeemed and what its exchange issued
         */
        record Again(AuthorizationCode code) implements Redemption {
            /** Refuses a missing code. */
            public Again {
                Objects.requireNonNull(code, "code");
            }
        }

        /** No code has this hash: never issued, or purged. */
        record Unknown() implements Redemption {
        }
    }

    /**
     * Stores a newly issued code.
     *
     * @param code the code, not yet redeemed
     * @throws IllegalStateException when a code with its hash is already stored
     */
    void insert(AuthorizationCode code);

    /**
     * Marks the code redeemed at {@code now} if it was not, in one atomic step. Expiry is not
     * checked here: the caller refuses an expired code, which is then used up all the same.
     *
     * @param codeHash the SHA-256 of the code presented
     * @param now the time of the exchange
     * @return the first exchange, a repeated one, or unknown
     */
    Redemption redeem(String codeHash, Instant now);

    /**
     * Records what the code's first exchange issued, so that a later exchange can revoke it, and
     * says whether a later exchange came meanwhile. A later exchange marks the code before it reads
     * what was issued, and this records before it reads the mark, so of the two at least one sees
     * the other: either the later exchange finds the tokens and revokes them, or this returns true
     * and the first exchange revokes what it just issued.
     *
     * @param codeHash the code's hash
     * @param familyId the refresh token family issued, or null when none was
     * @param accessTokenId the {@code jti} of the access token issued
     * @return true when the code was exchanged again meanwhile: revoke what was just issued
     */
    boolean recordIssued(String codeHash, UUID familyId, String accessTokenId);

    /**
     * Deletes the codes that expired before {@code before}. Codes are kept a while past their
     * expiry so that a late second exchange is still recognised as reuse.
     *
     * @param before codes with an expiry before this go
     * @return how many were deleted
     */
    int deleteExpired(Instant before);
}
