package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * {@link SessionService#resolve} (token check, SHA-256, store lookup, liveness) through each
 * session store, with {@code sessions} sessions seeded and a random one looked up per operation,
 * as a session-cookie check does. The service's clock is fixed at seeding time so that no lookup
 * is ever old enough to write a touch: this measures reads only.
 *
 * <p>PostgreSQL and Redis are the machine's; when one is down its params fail in setup, saying so.
 */
@State(Scope.Benchmark)
public class SessionLookupBenchmark {
    @Param({"MEMORY", "SQLITE", "POSTGRES", "REDIS"})
    public StoreKind store;

    @Param({"1000", "100000"})
    public int sessions;

    private static final int SEEDING_THREADS = 8;

    private BenchStore opened;
    private SessionService service;
    private String[] tokens;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        opened = BenchStore.open(store, clock);
        try {
            service = new SessionService(opened.sessions(), new InMemorySessionClientStore(), new SessionPolicy(Duration.ofDays(30), Duration.ofDays(7)), clock);
            ClientInfo client = new ClientInfo(Optional.of("Mozilla/5.0 (X11; Linux x86_64) jmh"), Optional.of("192.0.2.10"));
            tokens = seed(sessions, opened.takesParallelInserts() ? SEEDING_THREADS : 1,
                    () -> service.start(opened.user(), client).token());
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * {@code count} results of {@code one}, from {@code threads} threads: a store that takes
     * writes side by side is seeded so, which PostgreSQL's group commit makes many times quicker.
     */
    static String[] seed(int count, int threads, Supplier<String> one) {
        String[] out = new String[count];
        if (threads == 1) {
            for (int i = 0; i < count; i++) {
                out[i] = one.get();
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        out[i] = one.get();
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding sessions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding sessions failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        opened.close();
    }

    /** One session-cookie check: a random seeded token resolved to its session. */
    @Benchmark
    public Optional<Session> resolve() {
        return service.resolve(tokens[ThreadLocalRandom.current().nextInt(tokens.length)]);
    }
}
