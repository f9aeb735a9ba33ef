package dev.gatehouse.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.gatehouse.server.boot.UnpackedSqliteLibrary;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The driver starts the server jar itself; its JVM flags must stay those of the launcher's exec line. */
class LauncherFlagsTest {

    @Test
    void theDriverUsesTheLaunchersJvmFlags() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize(); // surefire runs in gatehouse-bench
        String launcher = Files.readString(root.resolve("gatehouse"));
        String exec = launcher.substring(launcher.lastIndexOf("exec \"$java\""));

        for (String flag : GatehouseProcess.launcherBaseFlags()) {
            assertThat(exec).as("the launcher's exec line").contains(flag);
        }
        assertThat(GatehouseProcess.launcherTrimFlags(21)).isEmpty();
        for (String flag : GatehouseProcess.launcherTrimFlags(25)) {
            assertThat(launcher).as("the launcher's trim flags from JDK 22").contains("-ge 22 ] && trim=(" + flag + ")");
        }
        assertThat(exec).contains("${trim[@]+\"${trim[@]}\"}");
        GatehouseProcess.launcherEnvironment().forEach((name, value) ->
                assertThat(launcher).as("the launcher's environment").contains("export " + name + "=\"${" + name + ":-" + value + "}\""));
        // The cache the driver uses is the one the launcher makes and uses.
        assertThat(launcher).contains("gatehouse-server/target/gatehouse.aot", "-XX:AOTCache=\"$aot\" -Xlog:aot*=off -Xlog:cds*=off");
    }

    /** The server's build unpacks sqlite-jdbc's library (gatehouse-server/pom.xml) where the server looks for it at start. */
    @Test
    void theBuiltServerFindsSqlitesLibraryUnpacked() throws IOException {
        Path lib = Path.of("..").toAbsolutePath().normalize().resolve("gatehouse-server/target/lib");
        Path driver;
        try (Stream<Path> jars = Files.list(lib)) {
            driver = jars.filter(jar -> jar.getFileName().toString().matches("sqlite-jdbc-.*\\.jar")).findFirst().orElseThrow();
        }

        assertThat(UnpackedSqliteLibrary.besideJar(driver)).isPresent();
    }
}
