import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.SessionIntrospection;
import dev.gatehouse.middleware.GatehouseServletFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;

/** An embedded Jetty servlet app guarded by Gatehouse: every path needs a signed-in user. */
public class ServletApp {
    public static void main(String[] args) throws Exception {
        String gatehouse = System.getenv().getOrDefault("GATEHOUSE_URL", "http://127.0.0.1:8080");
        String issuer = System.getenv().getOrDefault("GATEHOUSE_ISSUER", gatehouse);
        GatehouseGuard.Builder builder = GatehouseGuard.builder(issuer, URI.create(gatehouse + "/.well-known/jwks.json"))
                .rules(AccessRules.authenticatedByDefault());
        // With the server's GATEHOUSE_INTROSPECTION_SECRET, session cookies sign callers in too.
        String secret = System.getenv("GATEHOUSE_INTROSPECTION_SECRET");
        if (secret != null) {
            builder.sessions(SessionIntrospection.builder(URI.create(gatehouse + "/api/v1/auth/introspect"), secret).build());
        }
        GatehouseGuard guard = builder.build();

        // Deployed under a context path ("/app"), the rules still name paths inside the app: /admin/** guards /app/admin/x.
        ServletContextHandler context = new ServletContextHandler("/");
        // The first filter, on /* for REQUEST dispatches, so nothing runs before the guard has judged the request.
        // With Jakarta WebSocket endpoints, declare Jetty's WebSocketUpgradeFilter after it: see README.md.
        context.addFilter(new FilterHolder(new GatehouseServletFilter(guard)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().println("hello " + GatehouseServletFilter.identity(req).orElseThrow().label());
            }
        }), "/*");
        Server server = new Server(Integer.parseInt(System.getenv().getOrDefault("PORT", "7071")));
        server.setHandler(context);
        server.start();
        server.join();
    }
}
