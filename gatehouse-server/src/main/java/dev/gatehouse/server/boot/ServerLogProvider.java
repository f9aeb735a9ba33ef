package dev.gatehouse.server.boot;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Properties;

/**
 * The server process's SLF4J binding: a logback context set up by {@link ServerLogging}, made
 * without logback's auto-configuration. The CLI names it in {@code slf4j.provider} before anything
 * logs ({@link #chooseUnlessConfigured}), which SLF4J reads instead of searching the class path.
 *
 * <p>Why: SLF4J's search for its provider, logback's search for configurators and its
 * auto-configuration cost every start time this does not (docs/PERFORMANCE.md, "Start-up").
 * Logback still does all the logging; only how it is found and configured changes.
 *
 * <p>An operator who configures logging (a {@code logback.configurationFile} or an
 * {@code slf4j.provider} of their own) gets SLF4J's and logback's usual search, where
 * {@link ServerLogging} steps aside for the file.
 */
public final class ServerLogProvider implements SLF4JServiceProvider {
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    static final String OPERATOR_FILE_PROPERTY = "logback.configurationFile";
    static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
    /** The SLF4J API this binds, as logback-classic's own provider says. */
    private static final String API_VERSION = "2.0.99";

    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private LoggerContext context;

    /**
     * Names this provider in {@code system}, unless the operator configures logging there. SLF4J
     * would then say at every start, on standard error, that it loads the provider named: its
     * messages below WARN are turned off too, unless the operator set their level.
     */
    public static void chooseUnlessConfigured(Properties system) {
        if (system.getProperty(PROVIDER_PROPERTY) == null && system.getProperty(OPERATOR_FILE_PROPERTY) == null) {
            system.setProperty(PROVIDER_PROPERTY, ServerLogProvider.class.getName());
            if (system.getProperty(SLF4J_VERBOSITY_PROPERTY) == null) {
                system.setProperty(SLF4J_VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        LoggerContext made = new LoggerContext();
        made.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        made.setMDCAdapter(mdc);
        ServerLogging logging = new ServerLogging();
        logging.setContext(made);
        logging.configure(made);
        // As logback's own provider does: a broken set-up (an appender that failed to start) is told on the console.
        new StatusPrinter2().printInCaseOfErrorsOrWarnings(made);
        made.start();
        context = made;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }
}
