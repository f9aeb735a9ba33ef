package dev.gatehouse.middleware.matrix;

import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.GatehouseServletFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.ee10.websocket.servlet.WebSocketUpgradeFilter;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile sweep against {@link GatehouseServletFilter} on embedded Jetty 12 (ee10): plain
 * servlets and Jakarta WebSocket endpoints, at the root and under {@code /app}, with Jetty's
 * default URI compliance and with {@code LEGACY} (which resolves {@code //..} its own way).
 */
class JettyServletMatrixTest {
    private static final Logger LOG = LoggerFactory.getLogger(JettyServletMatrixTest.class);
    @RegisterExtension
    static final MatrixGatehouse gatehouse = new MatrixGatehouse();

    /** One way of running the app: where it is deployed and how leniently Jetty reads URIs. */
    record Deployment(String contextPath, String complianceName, UriCompliance compliance) {
        @Override
        public String toString() {
            return "context '" + contextPath + "', URI compliance " + complianceName;
        }
    }

    static List<Deployment> deployments() {
        return List.of(new Deployment("", "DEFAULT", UriCompliance.DEFAULT), new Deployment("/app", "DEFAULT", UriCompliance.DEFAULT),
                new Deployment("", "LEGACY", UriCompliance.LEGACY), new Deployment("/app", "LEGACY", UriCompliance.LEGACY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theFilterHoldsAgainstTheSweep(Deployment deployment) throws Exception {
        Server jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(deployment.compliance());
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // Every raw request is a connection of its own: the count of connections is the count of requests.
        ConnectionStatistics requests = new ConnectionStatistics();
        connector.addBean(requests);
        jetty.addConnector(connector);
        jetty.setHandler(app(deployment.contextPath().isEmpty() ? "/" : deployment.contextPath()));
        jetty.start();
        try {
            HostileMatrix matrix = gatehouse.matrix(connector.getLocalPort(), deployment.contextPath());
            assertThat(matrix.sweep()).isEmpty();
            long swept = requests.getConnectionsTotal();
            assertThat(matrix.webSocketSweep()).isEmpty();
            assertThat(matrix.signInSweep()).isEmpty();
            LOG.info("{}: {} requests swept, {} upgrades", deployment, swept, requests.getConnectionsTotal() - swept);
        } finally {
            jetty.stop();
        }
    }

    /** HostileMatrix's app as plain servlets, guarded as docs/GATEWAY.md tells Jetty users to. */
    private static ServletContextHandler app(String contextPath) {
        GatehouseGuard guard = gatehouse.guard();
        ServletContextHandler context = new ServletContextHandler(contextPath);
        guard(context, guard);
        context.addServlet(new ServletHolder(new AnyMethod("default")), "/");
        context.addServlet(new ServletHolder(new AnyMethod("public")), "/public/*");
        context.addServlet(new ServletHolder(new AnyMethod("readme")), "/files/readme.txt");
        context.addServlet(new ServletHolder(new AnyMethod("files")), "/files/*");
        ServletHolder admin = new ServletHolder(new AnyMethod("admin"));
        context.addServlet(admin, "/admin");
        context.addServlet(admin, "/admin/*");
        context.addServlet(new ServletHolder(new Reports()), "/reports/*");
        context.addServlet(new ServletHolder(new Items()), "/items/*");
        return context;
    }

    /** The registration of docs/GATEWAY.md, verbatim. */
    private static void guard(ServletContextHandler context, GatehouseGuard guard) {
        // The guard first, then Jetty's WebSocket upgrade under its default name: configure(..)
        // takes that one instead of installing its own ahead of every filter.
        context.addFilter(new FilterHolder(new GatehouseServletFilter(guard)), "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder upgrade = new FilterHolder(WebSocketUpgradeFilter.class);
        upgrade.setName(WebSocketUpgradeFilter.class.getName());
        context.addFilter(upgrade, "/*", EnumSet.of(DispatcherType.REQUEST));
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.addEndpoint(AdminSocket.class);                                   // @ServerEndpoint("/admin/ws")
            container.addEndpoint(ServerEndpointConfig.Builder.create(PublicSocket.class, "/public/ws").build());
        });
    }

    private static void answer(HttpServletResponse response, String handler) {
        response.setHeader(HostileMatrix.HANDLER_HEADER, handler);
        response.setStatus(200);
    }

    /** A handler for every method. */
    private static final class AnyMethod extends HttpServlet {
        private final String name;

        AnyMethod(String name) {
            this.name = name;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
            answer(response, name);
        }
    }

    /** GET only; HEAD runs it too, as HttpServlet does. */
    private static final class Reports extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            answer(response, "reports");
        }
    }

    private static final class Items extends HttpServlet {
        @Override
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
            answer(response, "items-delete");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            answer(response, "items-post");
        }
    }

    @ServerEndpoint("/admin/ws")
    public static final class AdminSocket {
        @OnOpen
        public void open(Session session) {
            // The upgrade is what is under test; the socket has nothing to say.
        }

        @OnError
        public void error(Throwable error) {
            // The sweep hangs up once it has read the 101.
        }
    }

    public static final class PublicSocket extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            // The upgrade is what is under test; the socket has nothing to say.
        }

        @Override
        public void onError(Session session, Throwable error) {
            // The sweep hangs up once it has read the 101.
        }
    }
}
