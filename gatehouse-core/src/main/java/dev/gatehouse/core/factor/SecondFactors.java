package dev.gatehouse.core.factor;

import dev.gatehouse.core.keys.MasterKeySealer;
import dev.gatehouse.core.spi.SecondFactorStore;
import dev.gatehouse.core.spi.TokenHashes;
import org.bouncycastle.util.encoders.Base32;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A user's second factors: enrolling an authenticator app, checking its codes, and recovery codes.
 * Thread-safe.
 *
 * <ul>
 *   <li>An app's secret is sealed under {@code GATEHOUSE_MASTER_KEY} (when it is set) for its user
 *       alone, so a copy of the store, or a sealed secret moved to another user's row, yields no
 *       codes.</li>
 *   <li>An app signs nobody in until a first code confirms it: a secret the user never saved in an
 *       app would lock them out.</li>
 *   <li>A code passes once: its step is recorded by a compare-and-set, so of two requests with one
 *       code, on any instances, one passes, and no code of an earlier step passes after it.</li>
 *   <li>Recovery codes: ten, 80 random bits each (written {@code xxxx-xxxx-xxxx-xxxx}), shown once
 *       and kept as SHA-256 hashes, which the bits make infeasible to reverse; each works once, and
 *       a new set ends the old one.</li>
 * </ul>
 */
public final class SecondFactors {
    /** How many recovery codes a user gets at a time. */
    public static final int RECOVERY_CODES = 10;
    private static final int RECOVERY_CODE_BYTES = 10;
    private static final Pattern RECOVERY_CODE = Pattern.compile("([a-z2-7]{4})-?([a-z2-7]{4})-?([a-z2-7]{4})-?([a-z2-7]{4})");

    private final SecondFactorStore store;
    private final MasterKeySealer sealer;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * Second factors kept in {@code store}.
     *
     * @param store where the factors are kept
     * @param sealer seals the apps' secrets at rest
     * @param clock the time codes are judged at
     * @param random makes secrets and recovery codes
     */
    public SecondFactors(SecondFactorStore store, MasterKeySealer sealer, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Begins enrolling an authenticator app, or begins again: a new secret, to show the user once.
     *
     * @param userId the user
     * @return the secret, or empty when the user has a confirmed app (remove it first)
     */
    public Optional<TotpSecret> beginTotp(UUID userId) {
        TotpSecret secret = TotpSecret.generate(random);
        boolean saved = store.savePendingTotp(new TotpFactor(userId, sealer.seal(secret.bytes(), context(userId)), false, OptionalLong.empty(),
                clock.instant()));
        return saved ? Optional.of(secret) : Optional.empty();
    }

    /**
     * Confirms the app being enrolled with a first code from it.
     *
     * @param userId the user
     * @param code the code the app shows
     * @return true when the code was right and the app is now the user's second factor
     */
    public boolean confirmTotp(UUID userId, String code) {
        Optional<TotpFactor> pending = store.findTotp(userId).filter(factor -> !factor.confirmed());
        if (pending.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.verify(secret(pending.get()), code, clock.instant(), OptionalLong.empty());
        return step.isPresent() && store.confirmTotp(userId, step.getAsLong());
    }

    /**
     * Checks a code of the user's confirmed app, and uses it up.
     *
     * @param userId the user
     * @param code the code presented
     * @return true when it is right and was not accepted before (nor a later one)
     */
    public boolean checkTotp(UUID userId, String code) {
        Optional<TotpFactor> confirmed = store.findTotp(userId).filter(TotpFactor::confirmed);
        if (confirmed.isEmpty()) {
            return false;
        }
        OptionalLong previous = confirmed.get().lastAcceptedStep();
        OptionalLong step = Totp.verify(secret(confirmed.get()), code, clock.instant(), previous);
        return step.isPresent() && store.acceptTotpStep(userId, previous, step.getAsLong());
    }

    /**
     * Whether the user has a confirmed authenticator app.
     *
     * @param userId the user
     * @return true when one is confirmed
     */
    public boolean hasTotp(UUID userId) {
        return store.findTotp(userId).map(TotpFactor::confirmed).orElse(false);
    }

    /**
     * Removes the user's authenticator app, confirmed or being enrolled.
     *
     * @param userId the user
     * @return true when there was one
     */
    public boolean removeTotp(UUID userId) {
        return store.deleteTotp(userId);
    }

    /**
     * A new set of recovery codes, replacing the old ones; shown to the user once.
     *
     * @param userId the user
     * @return the codes, written {@code xxxx-xxxx-xxxx-xxxx}
     */
    public List<String> newRecoveryCodes(UUID userId) {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        Set<String> hashes = new HashSet<>();
        while (codes.size() < RECOVERY_CODES) {
            byte[] bytes = new byte[RECOVERY_CODE_BYTES];
            random.nextBytes(bytes);
            String plain = Base32.toBase32String(bytes).toLowerCase(Locale.ROOT);
            if (hashes.add(TokenHashes.sha256(plain))) {
                codes.add(plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-" + plain.substring(12));
            }
        }
        store.replaceRecoveryCodes(userId, hashes);
        return List.copyOf(codes);
    }

    /**
     * Uses up one of the user's recovery codes.
     *
     * @param userId the user
     * @param code the code as typed: its 16 characters in either case, the dashes optional
     * @return true the first time, for a code of this user
     */
    public boolean useRecoveryCode(UUID userId, String code) {
        if (code == null) {
            return false;
        }
        var matcher = RECOVERY_CODE.matcher(code.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return false;
        }
        String plain = matcher.group(1) + matcher.group(2) + matcher.group(3) + matcher.group(4);
        return store.useRecoveryCode(userId, TokenHashes.sha256(plain));
    }

    /**
     * How many unused recovery codes the user has.
     *
     * @param userId the user
     * @return the count
     */
    public int recoveryCodesLeft(UUID userId) {
        return store.countRecoveryCodes(userId);
    }

    /**
     * Removes every second factor of the user: an admin's reset, for a user who lost them all.
     *
     * @param userId the user
     */
    public void reset(UUID userId) {
        store.deleteAll(userId);
    }

    private TotpSecret secret(TotpFactor factor) {
        return new TotpSecret(sealer.open(factor.sealedSecret(), context(factor.userId())));
    }

    /** What a secret is sealed for: its user alone. */
    private static String context(UUID userId) {
        return "totp:" + userId;
    }
}
