package dev.gatehouse.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The driver starts the server jar itself; its JVM flags must stay those of the launcher's exec line. */
class LauncherFlagsTest {

    @Test
    void theDriverUsesTheLaunchersJvmFlags() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize(); // surefire runs in gatehouse-bench
        String launcher = Files.readString(root.resolve("gatehouse"));
        String exec = launcher.substring(launcher.lastIndexOf("exec \"$java\""));

        for (String flag : GatehouseProcess.launcherJvmFlags(root)) {
            // the launcher spells the archive's path from its own directory
            String expected = flag.replace(root + "/", "\"$root/");
            if (expected.contains("\"$root/")) {
                expected += "\"";
            }
            assertThat(exec).as("the launcher's exec line").contains(expected);
        }
    }
}
