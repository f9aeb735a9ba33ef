package dev.gatehouse.core.keys;

import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.spi.KeyState;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoredKeyRing;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRotatorTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final KeyRotationPolicy policy = KeyRotationPolicy.every(Duration.ofHours(1), Duration.ofMinutes(15));
    private final KeyRingCodec codec = new KeyRingCodec(Optional.of(MasterKey.generate()));
    private final InMemoryKeyStore store = new InMemoryKeyStore();
    private final Supplier<SigningKey> newKeys = () -> KeyGenerator.generate(SigningAlgorithm.EDDSA);

    @Test
    void startsSavesAndReopensTheSameKeys() {
        KeyRotator first = KeyRotator.open(store, codec, policy, newKeys, clock);

        KeyRotator restarted = KeyRotator.open(store, codec, policy, newKeys, clock);

        assertThat(restarted.current().keys()).isEqualTo(first.current().keys());
        assertThat(store.load().orElseThrow().generation()).isEqualTo(1);
        assertThat(first.delayUntilNextChange()).contains(Duration.ofHours(1));
    }

    @Test
    void rotatesWhenDueAndSavesBeforeUsingTheNewRing() {
        KeyRotator rotator = KeyRotator.open(store, codec, policy, newKeys, clock);
        SigningKey first = rotator.current().signingKey();
        SigningKey next = rotator.current().nextKey().orElseThrow();

        assertThat(rotator.rotateIfDue()).isSameAs(rotator.current());
        clock.advance(Duration.ofHours(1));
        KeyRing rotated = rotator.rotateIfDue();

        assertThat(rotated.signingKey()).isEqualTo(next);
        assertThat(rotator.find(first.kid())).contains(first);
        assertThat(codec.decode(store.load().orElseThrow(), policy).keys()).isEqualTo(rotated.keys());

        clock.advance(policy.verifyWindow());
        assertThat(rotator.find(first.kid())).as("past its window even before the next rotation call").isEmpty();
    }

    @Test
    void anOperatorsRotationPromotesTheNextKeyAtOnceAndTheOtherServerAdoptsIt() {
        KeyRotator a = KeyRotator.open(store, codec, policy, newKeys, clock);
        KeyRotator b = KeyRotator.open(store, codec, policy, newKeys, clock);
        SigningKey old = a.current().signingKey();
        SigningKey published = a.current().nextKey().orElseThrow();

        KeyRing rotated = a.rotateNow();

        assertThat(rotated.signingKey()).as("the key already published signs").isEqualTo(published);
        assertThat(rotated.nextKey()).isPresent().get().isNotEqualTo(published);
        assertThat(a.find(old.kid())).as("the old key still verifies its tokens").contains(old);
        assertThat(b.current().signingKey()).isEqualTo(old);
        b.refresh();
        assertThat(b.current().keys()).isEqualTo(rotated.keys());
        assertThat(store.load().orElseThrow().generation()).isEqualTo(2);

        KeyRing again = b.rotateNow();
        assertThat(again.signingKey()).isEqualTo(rotated.nextKey().orElseThrow());
        a.refresh();
        assertThat(a.current().keys()).isEqualTo(again.keys());
        assertThat(store.load().orElseThrow().generation()).isEqualTo(3);
    }

    @Test
    void aStoreThatMakesTheRotatorRefreshDuringItsSaveLeavesTheGenerationRight() {
        // As a store announcing its saves to a listener in the same process does.
        KeyRotator[] rotator = new KeyRotator[1];
        KeyStore announcing = new KeyStore() {
            @Override
            public Optional<StoredKeyRing> load() {
                return store.load();
            }

            @Override
            public boolean save(StoredKeyRing ring) {
                boolean saved = store.save(ring);
                if (saved && rotator[0] != null) {
                    rotator[0].refresh();
                }
                return saved;
            }
        };
        rotator[0] = KeyRotator.open(announcing, codec, policy, newKeys, clock);

        rotator[0].rotateNow();
        clock.advance(Duration.ofHours(1));
        KeyRing due = rotator[0].rotateIfDue();
        rotator[0].rotateNow();

        assertThat(store.load().orElseThrow().generation()).as("three rotations after the first ring, none lost").isEqualTo(4);
        assertThat(due.signingKey()).isNotNull();
        assertThat(rotator[0].current().keys()).isEqualTo(codec.decode(store.load().orElseThrow(), policy).keys());
    }

    @Test
    void aRefreshKeepsTheRingWhenNothingNewWasSaved() {
        KeyRotator a = KeyRotator.open(store, codec, policy, newKeys, clock);
        KeyRing before = a.current();
        a.refresh();
        assertThat(a.current()).isSameAs(before);
    }

    @Test
    void twoServersSharingAStoreAgreeOnOneRotation() {
        KeyRotator a = KeyRotator.open(store, codec, policy, newKeys, clock);
        KeyRotator b = KeyRotator.open(store, codec, policy, newKeys, clock);

        clock.advance(Duration.ofHours(1));
        KeyRing fromA = a.rotateIfDue();
        KeyRing fromB = b.rotateIfDue();

        assertThat(fromB.keys()).isEqualTo(fromA.keys());
        assertThat(store.load().orElseThrow().generation()).isEqualTo(2);
    }

    @Test
    void aServerThatHasNotRotatedYetAcceptsTokensFromOneThatHas() {
        KeyRotator a = KeyRotator.open(store, codec, policy, newKeys, clock);
        KeyRotator b = KeyRotator.open(store, codec, policy, newKeys, clock);
        SigningKey next = a.current().nextKey().orElseThrow();

        clock.advance(Duration.ofMinutes(59));
        assertThat(b.find(next.kid())).as("not yet due: a token naming it is forged").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        a.rotateIfDue();
        assertThat(a.current().signingKey()).isEqualTo(next);
        assertThat(b.current().nextKey()).contains(next);
        assertThat(b.find(next.kid())).contains(next);
    }

    @Test
    void aServerDownForDaysCatchesUpWithoutSigningWithAnUnpublishedKey() {
        KeyRotator.open(store, codec, policy, newKeys, clock);
        clock.advance(Duration.ofDays(5));

        KeyRotator restarted = KeyRotator.open(store, codec, policy, newKeys, clock);

        // The stored NEXT key was published before the outage, so it may sign now.
        assertThat(restarted.current().keys()).extracting(RingKey::state)
                .containsExactlyInAnyOrder(KeyState.RETIRED, KeyState.ACTIVE, KeyState.NEXT);
    }
}
