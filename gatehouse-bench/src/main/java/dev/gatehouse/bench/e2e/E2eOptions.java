package dev.gatehouse.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The driver's flags; see gatehouse-bench/README.md. */
public record E2eOptions(Path root, String duration, int connections, int threads, int users, int sessions,
                         List<Integer> scaleSessions, List<String> algorithms, double hashSeconds, String warmup, Path output) {

    static final String USAGE = """
            usage: gatehouse-bench/run [--duration 6s] [--connections 64] [--threads 2] [--users 10000]
                                       [--sessions 10000] [--scale-sessions 1000,1000000] [--algorithms RS256,ES256,HS256,EdDSA]
                                       [--hash-seconds 5] [--warmup 3s] [--output FILE.md]
            """;

    public static E2eOptions parse(String[] args) {
        Path root = Path.of(".");
        String duration = "6s";
        int connections = 64;
        int threads = 2;
        int users = 10_000;
        int sessions = 10_000;
        List<Integer> scaleSessions = List.of(1_000, 1_000_000);
        List<String> algorithms = List.of("RS256", "ES256", "HS256", "EdDSA");
        double hashSeconds = 5;
        String warmup = "3s";
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag + "\n" + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--root" -> root = Path.of(value);
                case "--duration" -> duration = requireDuration(value);
                case "--connections" -> connections = positive(flag, value);
                case "--threads" -> threads = positive(flag, value);
                case "--users" -> users = positive(flag, value);
                case "--sessions" -> sessions = positive(flag, value);
                case "--scale-sessions" -> scaleSessions = Arrays.stream(value.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).map(n -> positive(flag, n)).toList();
                case "--algorithms" -> algorithms = new ArrayList<>(Arrays.stream(value.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "--hash-seconds" -> hashSeconds = Double.parseDouble(value);
                case "--warmup" -> warmup = requireDuration(value);
                case "--output" -> output = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
            }
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("--algorithms needs at least one algorithm");
        }
        if (threads > connections) {
            throw new IllegalArgumentException("--threads must not exceed --connections (wrk needs a connection per thread)");
        }
        return new E2eOptions(root.toAbsolutePath().normalize(), duration, connections, threads, users, sessions,
                scaleSessions.stream().sorted().distinct().toList(), List.copyOf(algorithms), hashSeconds, warmup, output);
    }

    /**
     * How long the baseline runs right after each check row (a third of {@code --duration}, at
     * least a second): long enough for a steady rate at the run's connections, short enough that
     * the default run stays within 5 minutes.
     */
    public String baselineSlice() {
        long seconds = Long.parseLong(duration.replaceAll("\\D", "")) * switch (duration.charAt(duration.length() - 1)) {
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 1;
        };
        return Math.max(1, seconds / 3) + "s";
    }

    /** Is there a warm-up pass at all ({@code --warmup 0} turns it off)? */
    public boolean warmsUp() {
        return !warmup.matches("0+[smh]?");
    }

    private static String requireDuration(String value) {
        if (!value.matches("\\d+[smh]?")) {
            throw new IllegalArgumentException("--duration takes wrk's form, e.g. 10s or 1m, not " + value);
        }
        return value;
    }

    private static int positive(String flag, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, not " + value);
        }
        return n;
    }
}
