package dev.gatehouse.core.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Argon2id password hashing through the reference C implementation (argon2-jvm), in PHC string
 * form. The native code runs at the same speed inside any JVM, unlike pure-Java Argon2 whose
 * speed depends on how the JIT treats it in a large process.
 *
 * <p>At most {@code concurrency} hashes run at once: each holds {@code m} KiB of memory and a
 * core for tens of milliseconds, so unbounded hashing would let a burst of logins exhaust both.
 * A caller that cannot get a slot within {@code maxWait} gets {@link PasswordHashingBusyException},
 * and so does one arriving while {@code maxQueued} callers already wait: under overload the extra
 * logins are refused at once (503 + Retry-After) rather than queued, so the latency of those that
 * are served stays bounded by the queue's length times a hash, and the slots stay busy.
 *
 * <p>{@link #checkDummy} costs what a real check costs, so that an unknown account cannot be told
 * from a wrong password by timing.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /**
     * Callers that may wait per slot. Waiting costs almost nothing (a parked virtual thread), while
     * a refusal is answered at once and a client that retries at once comes straight back, each
     * round trip taking CPU from the hashes, so a short queue lowers the hash rate under load. 32
     * per slot still bounds the wait of the last in line to well under a second's worth of hashes
     * per slot (docs/PERFORMANCE.md, the sign-in rows).
     */
    public static final int QUEUE_PER_SLOT = 32;

    private final Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
    private final Argon2Parameters parameters;
    private final Semaphore slots;
    private final Duration maxWait;
    private final int maxQueued;
    private final AtomicInteger waiting = new AtomicInteger();
    private final String dummyHash;
    /** As many as there are slots, so a hash never waits for a thread once it has a slot. */
    private final ExecutorService hashingThreads;

    /**
     * A hasher whose queue is {@link #QUEUE_PER_SLOT} callers per slot.
     *
     * @param parameters the cost of new hashes; older hashes are re-made to it when their password is next checked
     * @param concurrency how many hashes may run at once, at least 1
     * @param maxWait how long a caller may wait for a slot before {@link PasswordHashingBusyException}
     */
    public PasswordHasher(Argon2Parameters parameters, int concurrency, Duration maxWait) {
        this(parameters, concurrency, maxWait, concurrency * QUEUE_PER_SLOT);
    }

    /**
     * A hasher with its own bound on the callers waiting for a slot.
     *
     * @param parameters  the cost of new hashes; older hashes are re-made to it when their password is next checked
     * @param concurrency how many hashes may run at once, at least 1
     * @param maxWait     how long a caller may wait for a slot before {@link PasswordHashingBusyException}
     * @param maxQueued   how many callers may wait for a slot at once; more are refused at once
     * @throws IllegalArgumentException when {@code concurrency} is below 1 or {@code maxQueued} negative
     */
    public PasswordHasher(Argon2Parameters parameters, int concurrency, Duration maxWait, int maxQueued) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.slots = new Semaphore(concurrency, true);
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        if (maxQueued < 0) {
            throw new IllegalArgumentException("the queue cannot be negative, not " + maxQueued);
        }
        this.maxQueued = maxQueued;
        this.hashingThreads = Executors.newFixedThreadPool(concurrency,
                Thread.ofPlatform().daemon().name("gatehouse-argon2-", 0).factory());
        this.dummyHash = hashUnbounded("gatehouse-dummy-password".toCharArray());
    }

    /**
     * OWASP parameters, one slot per core, callers wait at most 10 s for a slot.
     *
     * @param concurrency how many hashes may run at once, usually the number of processors
     * @return the hasher
     */
    public static PasswordHasher withDefaults(int concurrency) {
        return new PasswordHasher(Argon2Parameters.OWASP, concurrency, Duration.ofSeconds(10));
    }

    /**
     * The cost of the hashes this hasher makes.
     *
     * @return the parameters
     */
    public Argon2Parameters parameters() {
        return parameters;
    }

    /**
     * A new PHC string for the password, with a fresh random salt.
     *
     * @param password the password as typed
     * @return the PHC string to store
     * @throws PasswordHashingBusyException when no hashing slot frees up in time
     */
    public String hash(String password) {
        // The copy is made inside the slot, so that a refusal leaves none behind to wipe.
        return withSlot(() -> hashUnbounded(password.toCharArray()));
    }

    /**
     * Checks the password against a stored PHC string in constant time (libargon2's comparison).
     *
     * @param password the password as typed
     * @param storedHash the stored PHC string; one that is not ours never matches
     * @return whether it matches, and whether the hash is due to be made anew
     * @throws PasswordHashingBusyException when no hashing slot frees up in time
     */
    public PasswordCheck check(String password, String storedHash) {
        boolean matches = verify(password, storedHash);
        if (!matches) {
            return PasswordCheck.MISMATCH;
        }
        boolean weaker = Argon2Parameters.of(storedHash).map(parameters::isStrongerThan).orElse(true);
        return weaker ? PasswordCheck.MATCH_NEEDS_REHASH : PasswordCheck.MATCH;
    }

    /**
     * Spends the time of a real check on a hash no password matches, and always answers MISMATCH.
     *
     * @param password the password as typed
     * @return {@link PasswordCheck#MISMATCH}
     * @throws PasswordHashingBusyException when no hashing slot frees up in time, as a real check would
     */
    public PasswordCheck checkDummy(String password) {
        verify(password, dummyHash);
        return PasswordCheck.MISMATCH;
    }

    private boolean verify(String password, String storedHash) {
        if (Argon2Parameters.of(storedHash).isEmpty()) {
            // Never hand libargon2 a string we did not write in the shape we expect; spend the time anyway.
            verifyWiping(dummyHash, password);
            return false;
        }
        return verifyWiping(storedHash, password);
    }

    private boolean verifyWiping(String storedHash, String password) {
        return withSlot(() -> {
            char[] chars = password.toCharArray();
            try {
                return argon2.verify(storedHash, chars, StandardCharsets.UTF_8);
            } finally {
                argon2.wipeArray(chars);
            }
        });
    }

    private String hashUnbounded(char[] chars) {
        try {
            return argon2.hash(parameters.iterations(), parameters.memoryKiB(), parameters.parallelism(), chars, StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /** How many callers are waiting for a slot now. */
    int waiting() {
        return waiting.get();
    }

    private <T> T withSlot(Supplier<T> work) {
        boolean acquired;
        try {
            // With a zero timeout rather than tryAcquire(): that one barges past callers already waiting.
            acquired = slots.tryAcquire(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordHashingBusyException();
        }
        if (!acquired) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                throw new PasswordHashingBusyException();
            }
            try {
                acquired = slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PasswordHashingBusyException();
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (!acquired) {
            throw new PasswordHashingBusyException();
        }
        try {
            return onHashingThread(work);
        } finally {
            slots.release();
        }
    }

    /**
     * Runs the hash on one of the hasher's own platform threads while the caller waits. A hash is
     * tens of milliseconds in native code, and a virtual thread in native code pins its carrier:
     * with one slot per core, hashing on the callers' virtual threads pinned every carrier, so
     * nothing else (other requests, the store writes that finish a sign-in) ran until a hash ended.
     * On platform threads the OS shares the cores between hashing and the rest, and the waiting
     * virtual thread parks without holding a carrier.
     */
    private <T> T onHashingThread(Supplier<T> work) {
        Future<T> hashed = hashingThreads.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return hashed.get();
                } catch (InterruptedException e) {
                    // The hash holds the slot until it ends: wait it out, then keep the interrupt.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
