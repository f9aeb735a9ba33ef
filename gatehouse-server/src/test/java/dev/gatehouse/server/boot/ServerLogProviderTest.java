package dev.gatehouse.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The server process's SLF4J binding: chosen by the CLI unless the operator configures logging, and set up as ServerLogging says. */
class ServerLogProviderTest {
    @Test
    void isChosenWhenNothingIsConfigured() {
        Properties system = new Properties();

        ServerLogProvider.chooseUnlessConfigured(system);

        assertThat(system.getProperty("slf4j.provider")).isEqualTo(ServerLogProvider.class.getName());
        assertThat(system.getProperty("slf4j.internal.verbosity")).as("SLF4J's warnings stay on").isEqualTo("WARN");
    }

    @Test
    void leavesTheVerbosityTheOperatorSet() {
        Properties system = new Properties();
        system.setProperty("slf4j.internal.verbosity", "INFO");

        ServerLogProvider.chooseUnlessConfigured(system);

        assertThat(system.getProperty("slf4j.internal.verbosity")).isEqualTo("INFO");
    }

    @Test
    void leavesAnOperatorsLoggingAlone() {
        Properties ownProvider = new Properties();
        ownProvider.setProperty("slf4j.provider", "org.example.TheirProvider");
        Properties ownFile = new Properties();
        ownFile.setProperty("logback.configurationFile", "/etc/gatehouse/logback.xml");

        ServerLogProvider.chooseUnlessConfigured(ownProvider);
        ServerLogProvider.chooseUnlessConfigured(ownFile);

        assertThat(ownProvider.getProperty("slf4j.provider")).isEqualTo("org.example.TheirProvider");
        // Unset: SLF4J finds logback's own provider, which reads the operator's file.
        assertThat(ownFile.getProperty("slf4j.provider")).isNull();
    }

    @Test
    void bindsLogbackSetUpByServerLogging() {
        ServerLogProvider provider = new ServerLogProvider();

        provider.initialize();

        assertThat(provider.getLoggerFactory()).isInstanceOfSatisfying(LoggerContext.class, context -> {
            assertThat(context.isStarted()).isTrue();
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class, console ->
                    assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(ServerLogging.PATTERN));
            assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getMDCAdapter()).isSameAs(provider.getMDCAdapter());
            context.stop();
        });
        assertThat(provider.getMDCAdapter()).isInstanceOf(LogbackMDCAdapter.class);
        assertThat(provider.getMarkerFactory().getMarker("AUDIT").getName()).isEqualTo("AUDIT");
        assertThat(provider.getRequestedApiVersion()).isEqualTo(LogbackServiceProvider.REQUESTED_API_VERSION);
    }
}
