package dev.gatehouse.core.keys;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new ring's keys are made side by side: the second on a thread of its own while the caller makes the first, or all of them ahead. */
class NewRingKeysTest {
    @Test
    void theSecondKeyIsMadeWhileTheFirstIs() {
        CountDownLatch bothUnderWay = new CountDownLatch(2);
        List<String> makers = new CopyOnWriteArrayList<>();
        Supplier<SigningKey> generate = () -> {
            makers.add(Thread.currentThread().getName());
            bothUnderWay.countDown();
            try {
                // Made one after the other, the first would wait here in vain: the second never starts.
                assertThat(bothUnderWay.await(30, TimeUnit.SECONDS)).as("both keys under way at once").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return KeyGenerator.generate(SigningAlgorithm.ES256);
        };

        NewRingKeys keys = NewRingKeys.start(generate);
        SigningKey first = keys.get();
        SigningKey second = keys.get();

        assertThat(first.kid()).isNotEqualTo(second.kid());
        assertThat(makers).containsExactlyInAnyOrder(Thread.currentThread().getName(), "gatehouse-next-key");
    }

    @Test
    void afterTheSecondOrAfterDoneEveryKeyIsMadeInLine() {
        List<String> makers = new CopyOnWriteArrayList<>();
        Supplier<SigningKey> generate = () -> {
            makers.add(Thread.currentThread().getName());
            return KeyGenerator.generate(SigningAlgorithm.ES256);
        };
        NewRingKeys keys = NewRingKeys.start(generate);
        keys.done();

        keys.get();
        keys.get();
        keys.get();

        assertThat(makers.stream().filter(Thread.currentThread().getName()::equals)).hasSize(3);
    }

    @Test
    void aFailureMakingTheSecondKeyIsThrownWhereItIsTaken() {
        NewRingKeys keys = NewRingKeys.start(() -> {
            if ("gatehouse-next-key".equals(Thread.currentThread().getName())) {
                throw new IllegalStateException("no entropy today");
            }
            return KeyGenerator.generate(SigningAlgorithm.ES256);
        });

        keys.get();
        assertThatThrownBy(keys::get).isInstanceOf(IllegalStateException.class).hasMessage("no entropy today");
    }

    @Test
    void startAllMakesEveryKeyAheadEachOnAThreadOfItsOwn() {
        List<String> makers = new CopyOnWriteArrayList<>();
        Supplier<SigningKey> generate = () -> {
            makers.add(Thread.currentThread().getName());
            return KeyGenerator.generate(SigningAlgorithm.ES256);
        };

        NewRingKeys keys = NewRingKeys.startAll(generate, 2);
        SigningKey first = keys.get();
        SigningKey second = keys.get();

        assertThat(first.kid()).isNotEqualTo(second.kid());
        assertThat(makers).containsExactlyInAnyOrder("gatehouse-first-key", "gatehouse-next-key");
        keys.get();
        assertThat(makers).as("a key past those made ahead is made in line").contains(Thread.currentThread().getName());
    }

    @Test
    void aNewRingHasOneKeyOrTwo() {
        Supplier<SigningKey> generate = () -> KeyGenerator.generate(SigningAlgorithm.ES256);

        assertThatThrownBy(() -> NewRingKeys.startAll(generate, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NewRingKeys.startAll(generate, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
