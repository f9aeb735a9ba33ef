package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.access.NormalisedPath;
import dev.gatehouse.core.access.PathNormaliser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link PathNormaliser#normalise} on the paths that make it work: every rule check starts here. */
@State(Scope.Benchmark)
public class PathNormaliserBenchmark {
    /** Paths that exercise each step of normalisation. */
    public enum Tricky {
        /** Nothing to do: the common case. */
        PLAIN("/api/v1/users/me"),
        /** Upper case, a dotless i and a trailing slash, folded onto the plain path. */
        FOLDED("/Public/ADM%C4%B1N/Users/42/Profile/"),
        /** Percent-escapes, multi-byte UTF-8 and a query. */
        ENCODED("/files/%E2%82%AC%20report%20%C3%A9t%C3%A9.pdf?download=1&x=%2F"),
        /** An encoded slash, which is ambiguous and refused. */
        REFUSED("/api/v1/..%2Fadmin/users"),
        /** Forty segments. */
        DEEP("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/aa/bb/cc/dd/ee/ff/gg/hh/ii/jj/kk/ll/mm/nn");

        final String path;

        Tricky(String path) {
            this.path = path;
        }
    }

    @Param
    public Tricky path;

    @Benchmark
    public NormalisedPath normalise() {
        return PathNormaliser.normalise(path.path);
    }
}
