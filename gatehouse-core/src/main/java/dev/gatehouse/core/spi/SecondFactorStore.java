package dev.gatehouse.core.spi;

import dev.gatehouse.core.factor.TotpFactor;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Where users' second factors are kept (SPI): an authenticator app (TOTP) and recovery codes.
 * Thread-safe and shared by every instance. Each change that decides whether a code passes is one
 * atomic step: of two requests presenting one code, on one instance or two, one passes.
 * A store that knows users ends a deleted user's factors with them.
 */
public interface SecondFactorStore {
    /**
     * The user's authenticator app, confirmed or still being enrolled.
     *
     * @param userId the user
     * @return the factor, or empty
     */
    Optional<TotpFactor> findTotp(UUID userId);

    /**
     * Stores a new enrolment, replacing one still under way.
     *
     * @param factor the factor, not confirmed
     * @return true when stored; false when the user has a confirmed app, which must be removed first
     * @throws IllegalArgumentException when the factor is confirmed
     * @throws IllegalStateException when the store knows users and the user does not exist
     */
    boolean savePendingTotp(TotpFactor factor);

    /**
     * Confirms the enrolment under way, recording the step of the code that confirmed it.
     *
     * @param userId the user
     * @param step the step of the first code
     * @return true when it was confirmed here; false when there was none under way
     */
    boolean confirmTotp(UUID userId, long step);

    /**
     * Records a code accepted: the confirmed factor's last step moves from {@code previous} to
     * {@code step}, if it is still {@code previous}. The compare-and-set that makes a code pass once.
     *
     * @param userId the user
     * @param previous the last step as it was read
     * @param step the step of the code accepted, after {@code previous}
     * @return true when recorded; false when the step moved meanwhile, or there is no confirmed factor
     */
    boolean acceptTotpStep(UUID userId, OptionalLong previous, long step);

    /**
     * Removes the user's authenticator app, confirmed or not.
     *
     * @param userId the user
     * @return true when there was one
     */
    boolean deleteTotp(UUID userId);

    /**
     * Replaces the user's recovery codes by these, kept as hashes; the old ones stop working.
     *
     * @param userId the user
     * @param codeHashes the hashes of the new codes
     * @throws IllegalStateException when the store knows users and the user does not exist
     */
    void replaceRecoveryCodes(UUID userId, Set<String> codeHashes);

    /**
     * Uses up one recovery code.
     *
     * @param userId the user
     * @param codeHash the hash of the code presented
     * @return true the first time, for a code of this user; false otherwise
     */
    boolean useRecoveryCode(UUID userId, String codeHash);

    /**
     * How many unused recovery codes the user has.
     *
     * @param userId the user
     * @return the count
     */
    int countRecoveryCodes(UUID userId);

    /**
     * Removes all the user's second factors: an admin's reset.
     *
     * @param userId the user
     */
    void deleteAll(UUID userId);
}
