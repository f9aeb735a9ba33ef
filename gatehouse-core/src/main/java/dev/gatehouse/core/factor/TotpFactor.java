package dev.gatehouse.core.factor;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A user's authenticator app, as the store keeps it. The secret is kept sealed (see
 * {@code MasterKeySealer}), never as the Base32 the user typed into the app.
 *
 * @param userId the user
 * @param sealedSecret the {@link TotpSecret}'s bytes, sealed for this user
 * @param confirmed true once the user proved the app works with a first code; until then it is an
 *        enrolment under way and signs nobody in
 * @param lastAcceptedStep the step of the last code accepted, which no code at or before may pass again
 * @param createdAt when the enrolment began
 */
public record TotpFactor(UUID userId, String sealedSecret, boolean confirmed, OptionalLong lastAcceptedStep, Instant createdAt) {
    /** Refuses missing values, and a confirmed factor without the step of its first code. */
    public TotpFactor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(lastAcceptedStep, "lastAcceptedStep");
        Objects.requireNonNull(createdAt, "createdAt");
        if (confirmed && lastAcceptedStep.isEmpty()) {
            throw new IllegalArgumentException("a confirmed factor has accepted the code that confirmed it");
        }
    }

    @Override
    public String toString() {
        return "TotpFactor[userId=" + userId + ", confirmed=" + confirmed + ", lastAcceptedStep=" + lastAcceptedStep + ", createdAt="
                + createdAt + "]";
    }
}
