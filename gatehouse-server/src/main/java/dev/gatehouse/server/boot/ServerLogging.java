package dev.gatehouse.server.boot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * The server's logging, set up in code: INFO to standard output (standard error for the CLI's
 * other commands), the web server, pool and migration libraries at WARN. Logback finds it through {@code META-INF/services}.
 *
 * <p>In code rather than a {@code logback.xml} for the start-up time: reading the XML file costs
 * the JDK's XML parser and logback's model building at every start (docs/PERFORMANCE.md,
 * "Start-up"). The server process binds it without logback's search for configurators
 * ({@link ServerLogProvider}); other JVMs with the server on their class path (tests, the
 * benchmark driver) find it through {@code META-INF/services}.
 *
 * <p>Most of what logging's start still costs is the first search of every jar of the class
 * path: the time in the pattern needs the time zone, and java.time looks its zone rule providers
 * up there. Some other part of the start (the JDBC drivers, Jetty) would search
 * otherwise; whoever searches first pays for opening the jars.
 *
 * <p>An operator's own file still wins: with {@code -Dlogback.configurationFile=...} (in
 * {@code GATEHOUSE_JAVA_OPTS}) this steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    /** Chatty at INFO about their own start and stop; the server says what matters itself. */
    static final Map<String, Level> QUIETER = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            // A database outage: each pooled connection's failure, with its stack trace. The store says once
            // that it stopped answering and once that it answers again (StoreOutage), which is what an operator needs.
            "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR,
            "com.zaxxer.hikari.pool.PoolBase", Level.ERROR,
            "org.flywaydb", Level.WARN);
    private static final String OPERATOR_FILE = "logback.configurationFile";
    /**
     * Set by the CLI, before anything logs, for every command but {@code serve}: their standard
     * output holds only their result ({@code TOKEN=$(gatehouse token create ...)}), so their log
     * lines go to standard error. The server's log stays on standard output, where services log.
     */
    private static volatile boolean toStandardError;

    public static void logToStandardError(boolean standardError) {
        toStandardError = standardError;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(OPERATOR_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(toStandardError ? "STDERR" : "STDOUT");
        if (toStandardError) {
            console.setTarget("System.err");
        }
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
