package dev.gatehouse.core.keys;

import dev.gatehouse.core.internal.support.Futures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The keys of a new ring, made ahead on threads of their own. A ring that rotates starts with two
 * (ACTIVE and NEXT), and an RSA key is slow to make while the JIT is cold: a server's first start
 * waits for them. The ring itself is saved, and raced for with other instances, like any new
 * ring; only where and when its keys are made differs.
 *
 * <ul>
 *   <li>{@link #start}: the store holds no ring; the second key is made while the caller makes the first.</li>
 *   <li>{@link #startAll} (through {@link TokenKeys#startAhead}): the store cannot hold one yet (its
 *       file is about to be created), so every key is made while the store opens.</li>
 * </ul>
 *
 * <p>Each call takes the next key made ahead (waiting for it if need be, and throwing what making
 * it threw); a call with none left makes its key in line, as does every call after {@link #done}.
 */
public final class NewRingKeys implements Supplier<SigningKey> {
    private final Supplier<SigningKey> generate;
    /** By call: the key made ahead for it, or empty where the caller makes its own. */
    private final List<Optional<CompletableFuture<SigningKey>>> ahead;
    private int calls;

    private NewRingKeys(Supplier<SigningKey> generate, List<Optional<CompletableFuture<SigningKey>>> ahead) {
        this.generate = generate;
        this.ahead = List.copyOf(ahead);
    }

    /** Starts making the second key now, on a daemon thread; the first call makes the first in line. */
    static NewRingKeys start(Supplier<SigningKey> generate) {
        return new NewRingKeys(generate, List.of(Optional.empty(), Optional.of(Futures.onDaemonThread("gatehouse-next-key", generate))));
    }

    /** Starts making {@code count} keys now (1 or 2), each on a daemon thread. */
    static NewRingKeys startAll(Supplier<SigningKey> generate, int count) {
        List<String> names = List.of("gatehouse-first-key", "gatehouse-next-key");
        if (count < 1 || count > names.size()) {
            throw new IllegalArgumentException("a new ring has 1 or 2 keys, not " + count);
        }
        List<Optional<CompletableFuture<SigningKey>>> ahead = new ArrayList<>();
        for (String name : names.subList(0, count)) {
            ahead.add(Optional.of(Futures.onDaemonThread(name, generate)));
        }
        return new NewRingKeys(generate, ahead);
    }

    /** The new ring is made (or another instance's was read instead): keys made ahead and not taken are dropped. */
    synchronized void done() {
        calls = Math.max(calls, ahead.size());
    }

    @Override
    public SigningKey get() {
        Optional<CompletableFuture<SigningKey>> made;
        synchronized (this) {
            int call = calls++;
            made = call < ahead.size() ? ahead.get(call) : Optional.empty();
        }
        return made.map(Futures::join).orElseGet(generate);
    }
}
