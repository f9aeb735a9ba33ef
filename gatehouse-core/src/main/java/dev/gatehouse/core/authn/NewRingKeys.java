package dev.gatehouse.core.authn;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.support.Futures;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The keys of a new ring that rotates, which starts with two (ACTIVE and NEXT): the second is made
 * on a thread of its own while the caller makes the first. An RSA key costs 0.1-0.5 s while the JIT
 * is cold, and a server's first start waits for both. The ring itself is saved and raced for
 * exactly as before; only where its keys are made changes.
 *
 * <p>The first call makes a key in line, the second takes the one made ahead (waiting for it if
 * need be, and throwing what making it threw), any later one makes a key in line again; so does
 * every call after {@link #done}.
 */
final class NewRingKeys implements Supplier<SigningKey> {
    private final Supplier<SigningKey> generate;
    private final CompletableFuture<SigningKey> ahead;
    private int calls;

    private NewRingKeys(Supplier<SigningKey> generate, CompletableFuture<SigningKey> ahead) {
        this.generate = generate;
        this.ahead = ahead;
    }

    /** Starts making the second key now, on a daemon thread. */
    static NewRingKeys start(Supplier<SigningKey> generate) {
        return new NewRingKeys(generate, Futures.onDaemonThread("gatehouse-next-key", generate));
    }

    /** The new ring is made (or another instance's was read instead): a key made ahead and not taken is dropped. */
    synchronized void done() {
        calls = Math.max(calls, 2);
    }

    @Override
    public SigningKey get() {
        synchronized (this) {
            calls++;
            if (calls != 2) {
                return generate.get();
            }
        }
        return Futures.join(ahead);
    }
}
