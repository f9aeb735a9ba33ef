package dev.gatehouse.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The server's logging set-up in code: what it configures, and that an operator's file wins. */
class ServerLoggingTest {

    @Test
    void infoToStandardOutputWithTheLibrariesQuieter() {
        LoggerContext context = new LoggerContext();
        ServerLogging logging = new ServerLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
            assertThat(console.isStarted()).isTrue();
            assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(ServerLogging.PATTERN);
        });
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.gatehouse.server.GatehouseServer").getEffectiveLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void theCliCommandsLogToStandardError() {
        LoggerContext context = new LoggerContext();
        ServerLogging logging = new ServerLogging();
        logging.setContext(context);
        ServerLogging.logToStandardError(true);
        try {
            logging.configure(context);
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getAppender("STDOUT")).isNull();
            assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                    console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        } finally {
            ServerLogging.logToStandardError(false);
            context.stop();
        }
    }

    @Test
    void anOperatorsConfigurationFileIsLeftToLogback() {
        LoggerContext context = new LoggerContext();
        ServerLogging logging = new ServerLogging();
        logging.setContext(context);
        System.setProperty("logback.configurationFile", "/etc/gatehouse/logback.xml");
        try {
            assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
            context.stop();
        }
    }

    @Test
    void logbackFindsIt() throws IOException {
        try (InputStream services = ServerLogging.class.getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(services).isNotNull();
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(ServerLogging.class.getName());
        }
        assertThat(org.slf4j.LoggerFactory.getILoggerFactory()).isInstanceOfSatisfying(LoggerContext.class, context ->
                assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNotNull());
    }
}
