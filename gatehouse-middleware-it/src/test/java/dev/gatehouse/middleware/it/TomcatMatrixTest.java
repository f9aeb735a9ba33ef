package dev.gatehouse.middleware.it;

import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.GatehouseServletFilter;
import dev.gatehouse.middleware.matrix.HostileMatrix;
import dev.gatehouse.middleware.matrix.MatrixGatehouse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HostileMatrix} against {@link GatehouseServletFilter} on embedded Tomcat 11, at the root
 * and under /app, with Jakarta WebSocket endpoints. Tomcat's WebSocket support (WsSci) maps its
 * upgrade filter, WsFilter, with {@code isMatchAfter=true}, so it lands after every mapping made
 * before start or with {@code isMatchAfter=false}, and before any made later with {@code true}:
 * the guard only judges upgrades when it is registered one of the first two ways.
 */
class TomcatMatrixTest {
    private static final String WS_FILTER = "Tomcat WebSocket (JSR356) Filter";

    @RegisterExtension
    static final MatrixGatehouse gatehouse = new MatrixGatehouse();

    /** How the app puts the guard in front of its servlets. */
    enum Registration {
        /** Embedded Tomcat: a filter map added with addFilterMapBefore before start (the docs' embedded snippet). */
        FILTER_MAP_BEFORE_START,
        /** Standalone or embedded: the Servlet API at start-up, from an initializer that runs after WsSci, with isMatchAfter=false (the docs' Servlet API snippet). */
        SERVLET_API_NOT_MATCH_AFTER,
        /** The same with isMatchAfter=true: mapped after WsFilter, so upgrades never reach the guard. */
        SERVLET_API_MATCH_AFTER
    }

    static Stream<Arguments> guardedApps() {
        return Stream.of(Arguments.of(Registration.FILTER_MAP_BEFORE_START, ""), Arguments.of(Registration.FILTER_MAP_BEFORE_START, "/app"),
                Arguments.of(Registration.SERVLET_API_NOT_MATCH_AFTER, ""), Arguments.of(Registration.SERVLET_API_NOT_MATCH_AFTER, "/app"));
    }

    @Test
    void tomcatRunsWithItsOwnServletApi() {
        // Another jakarta.servlet ahead of Tomcat's (such as the 6.0 jar a packaged gatehouse-server names
        // in its manifest) breaks Tomcat in places the sweep reaches: the context root redirect answers 500.
        assertThat(HttpServletResponse.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains("tomcat-embed-core");
    }

    @ParameterizedTest(name = "{0} at \"{1}\"")
    @MethodSource("guardedApps")
    void theGuardJudgesEveryRequestAndEveryUpgrade(Registration registration, String contextPath, @TempDir Path baseDir) throws Exception {
        try (RunningTomcat tomcat = RunningTomcat.start(baseDir, contextPath, registration)) {
            assertThat(tomcat.filterOrder()).containsExactly("gatehouse", WS_FILTER);

            HostileMatrix matrix = gatehouse.matrix(tomcat.port(), contextPath);
            assertThat(matrix.sweep()).isEmpty();
            assertThat(matrix.webSocketSweep()).isEmpty();
            assertThat(matrix.signInSweep()).isEmpty();
        }
    }

    @Test
    void aGuardMappedAfterTomcatsWebSocketFilterLetsStrangersUpgrade(@TempDir Path baseDir) throws Exception {
        try (RunningTomcat tomcat = RunningTomcat.start(baseDir, "", Registration.SERVLET_API_MATCH_AFTER)) {
            assertThat(tomcat.filterOrder()).containsExactly(WS_FILTER, "gatehouse");

            assertThat(gatehouse.matrix(tomcat.port(), "").webSocketSweep())
                    .contains("anonymous upgrade /admin/ws: answered 101", "common upgrade /admin/ws: answered 101");
        }
    }

    /**
     * The docs' snippet for embedded Tomcat, as is: before {@code tomcat.start()}, a filter map
     * added "before" is ahead of every filter mapped later, Tomcat's WebSocket filter included.
     */
    static void addGatehouseFilter(Context context, GatehouseGuard guard) {
        FilterDef gatehouse = new FilterDef();
        gatehouse.setFilterName("gatehouse");
        gatehouse.setFilter(new GatehouseServletFilter(guard));
        gatehouse.setAsyncSupported("true");
        context.addFilterDef(gatehouse);
        FilterMap everyRequest = new FilterMap();
        everyRequest.setFilterName("gatehouse");
        everyRequest.addURLPattern("/*");
        everyRequest.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMapBefore(everyRequest);   // ahead of WsFilter, which Tomcat's WebSocket support maps at start
    }

    /**
     * The docs' snippet for the Servlet API (a ServletContainerInitializer's onStartup or a
     * {@code @WebListener}'s contextInitialized, standalone or embedded), as is.
     */
    static void addGatehouseFilter(ServletContext servletContext, GatehouseGuard guard) {
        FilterRegistration.Dynamic gatehouse = servletContext.addFilter("gatehouse", new GatehouseServletFilter(guard));
        gatehouse.setAsyncSupported(true);
        // isMatchAfter false: ahead of web.xml's filters and of Tomcat's WsFilter, which is mapped with true
        gatehouse.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    /** An embedded Tomcat on 127.0.0.1, a free port, serving the matrix app in one context. */
    private record RunningTomcat(Tomcat tomcat, Context context) implements AutoCloseable {
        static RunningTomcat start(Path baseDir, String contextPath, Registration registration) throws LifecycleException {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext(contextPath, baseDir.toString());
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer(MatrixServlets.webSocketEndpoints(), null);
            MatrixServlets.install(context);
            GatehouseGuard guard = gatehouse.guard();
            switch (registration) {
                case FILTER_MAP_BEFORE_START -> addGatehouseFilter(context, guard);
                case SERVLET_API_NOT_MATCH_AFTER -> context.addServletContainerInitializer(
                        (classes, servletContext) -> addGatehouseFilter(servletContext, guard), null);
                case SERVLET_API_MATCH_AFTER -> context.addServletContainerInitializer((classes, servletContext) -> servletContext
                        .addFilter("gatehouse", new GatehouseServletFilter(guard))
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*"), null);
            }
            tomcat.start();
            return new RunningTomcat(tomcat, context);
        }

        int port() {
            return tomcat.getConnector().getLocalPort();
        }

        /** The filters in the order Tomcat chains them. */
        List<String> filterOrder() {
            return Arrays.stream(context.findFilterMaps()).map(FilterMap::getFilterName).toList();
        }

        @Override
        public void close() throws LifecycleException {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
