package dev.gatehouse.core.password;

import de.mkammerer.argon2.Argon2Factory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hashing slots. To hold a slot without sleeping, another thread checks a password against a
 * deliberately expensive stored hash (check runs at the stored hash's cost, inside a slot), and
 * the test waits until that thread's stack shows it waiting for the hasher's own thread to verify:
 * the hasher hands work to that thread only while the caller holds a slot, so from then on the
 * slot is provably taken, for the hundreds of milliseconds the expensive verification lasts.
 */
class PasswordHasherConcurrencyTest {
    private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
    private static final String SLOW_PASSWORD = "slow-slow-slow";
    // 19 MiB x 16 passes: roughly 8 OWASP hashes, a few hundred ms of holding a slot.
    private static String slowHash;

    @BeforeAll
    static void makeAnExpensiveHash() {
        char[] chars = SLOW_PASSWORD.toCharArray();
        slowHash = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, 16, 32)
                .hash(16, 19 * 1024, 1, chars, StandardCharsets.UTF_8);
    }

    @Test
    void secondHashIsRefusedWhileTheOnlySlotIsHeld() throws Exception {
        PasswordHasher hasher = new PasswordHasher(CHEAP, 1, Duration.ofMillis(20));
        Holder holder = Holder.start(hasher);

        holder.awaitInsideVerify();
        assertThatThrownBy(() -> hasher.hash("another password")).isInstanceOf(PasswordHashingBusyException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> hasher.check("another password", "not-a-hash"))
                .isInstanceOf(PasswordHashingBusyException.class);
        assertThatThrownBy(() -> hasher.checkDummy("another password")).isInstanceOf(PasswordHashingBusyException.class);

        // The holder's own check completes normally (a stronger stored hash needs no rehash) and frees the slot.
        assertThat(holder.result.get(30, TimeUnit.SECONDS)).isEqualTo(PasswordCheck.MATCH);
        String hash = hasher.hash("another password");
        assertThat(hasher.check("another password", hash)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void otherSlotsStayUsableWhileOneIsHeld() throws Exception {
        PasswordHasher hasher = new PasswordHasher(CHEAP, 2, Duration.ofMillis(20));
        Holder holder = Holder.start(hasher);

        holder.awaitInsideVerify();
        String hash = hasher.hash("another password");
        assertThat(hasher.check("another password", hash)).isEqualTo(PasswordCheck.MATCH);
        assertThat(holder.isInsideVerify()).as("the first slot was still held while the second was used").isTrue();

        assertThat(holder.result.get(30, TimeUnit.SECONDS)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void aWaitingCallerGetsTheSlotWhenItIsFreedWithinMaxWait() throws Exception {
        PasswordHasher hasher = new PasswordHasher(CHEAP, 1, Duration.ofSeconds(30));
        Holder holder = Holder.start(hasher);

        holder.awaitInsideVerify();
        String hash = hasher.hash("patient password");   // waits for the holder, well within 30 s

        assertThat(hasher.check("patient password", hash)).isEqualTo(PasswordCheck.MATCH);
        assertThat(holder.result.get(30, TimeUnit.SECONDS)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void aCallerArrivingWhenTheQueueIsFullIsRefusedAtOnceWhileTheQueuedOneIsServed() throws Exception {
        PasswordHasher hasher = new PasswordHasher(CHEAP, 1, Duration.ofSeconds(30), 1);
        Holder holder = Holder.start(hasher);
        holder.awaitInsideVerify();
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> hasher.hash("queued password"),
                command -> Thread.ofPlatform().daemon().start(command));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hasher.waiting() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hasher.waiting()).as("the second caller waits for the slot").isEqualTo(1);

        // Refused at once: well before the 30 s maxWait, while the holder still holds the slot.
        assertThatThrownBy(() -> hasher.hash("one too many")).isInstanceOf(PasswordHashingBusyException.class);
        assertThat(holder.isInsideVerify()).isTrue();

        assertThat(holder.result.get(30, TimeUnit.SECONDS)).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.check("queued password", queued.get(30, TimeUnit.SECONDS))).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.waiting()).isZero();
    }

    @Test
    void anInterruptedCallerIsRefusedAndKeepsItsInterrupt() {
        PasswordHasher hasher = new PasswordHasher(CHEAP, 1, Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> hasher.hash("interrupted password")).isInstanceOf(PasswordHashingBusyException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        // The refused call took no slot with it.
        assertThat(hasher.check("interrupted password", hasher.hash("interrupted password"))).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void aHashFromAVirtualThreadRunsOnTheHashersOwnPlatformThreadSoTheCarrierIsFree() throws Exception {
        PasswordHasher hasher = new PasswordHasher(CHEAP, 1, Duration.ofSeconds(30));
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> hasher.check(SLOW_PASSWORD, slowHash)); // hundreds of ms
        // The hasher's thread is the one inside libargon2 while the virtual caller waits parked.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ranOn.isDone() && caller.isAlive() && System.nanoTime() < deadline) {
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().startsWith("gatehouse-argon2-") && Arrays.stream(stack)
                        .anyMatch(frame -> frame.getClassName().startsWith("de.mkammerer.argon2."))) {
                    ranOn.complete(thread);
                }
            });
        }
        caller.join();
        assertThat(ranOn).isDone();
        assertThat(ranOn.join().isVirtual()).isFalse();
        assertThat(ranOn.join().isDaemon()).as("never keeps the JVM alive").isTrue();
    }

    /** A thread that holds one slot by checking the slow hash. */
    private record Holder(Thread thread, CompletableFuture<PasswordCheck> result) {
        static Holder start(PasswordHasher hasher) {
            CompletableFuture<PasswordCheck> result = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().name("slot-holder").daemon().unstarted(() -> {
                try {
                    result.complete(hasher.check(SLOW_PASSWORD, slowHash));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            thread.start();
            return new Holder(thread, result);
        }

        /** Spins (no sleeping) until the holder is inside libargon2's verify, that is, holds a slot. */
        void awaitInsideVerify() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (result.isDone()) {
                    fail("the holder finished before it was seen holding a slot: " + result.join());
                }
                if (isInsideVerify()) {
                    return;
                }
                Thread.onSpinWait();
            }
            fail("the holder never reached libargon2's verify");
        }

        boolean isInsideVerify() {
            return Arrays.stream(thread.getStackTrace()).anyMatch(Holder::isWaitingForTheHash);
        }

        private static boolean isWaitingForTheHash(StackTraceElement frame) {
            return frame.getClassName().equals(PasswordHasher.class.getName()) && frame.getMethodName().equals("onHashingThread");
        }
    }
}
