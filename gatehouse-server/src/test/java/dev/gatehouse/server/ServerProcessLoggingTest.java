package dev.gatehouse.server;

import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpawnsProcesses
class ServerProcessLoggingTest {
    @TempDir
    Path dir;

    /** The real thing: `gatehouse serve` in a process of its own logs through the provider, in ServerLogging's format, and SLF4J has nothing to say. */
    @Test
    void theServerProcessLogsThroughIt() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of("STORE", "memory"))) {
            server.terminate(Duration.ofSeconds(30));

            assertThat(server.output())
                    .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.g\\.s\\.GatehouseServer - Gatehouse listening on http://")
                    .doesNotContain("SLF4J");
        }
    }
}
