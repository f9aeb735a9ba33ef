package dev.gatehouse.http;

import io.javalin.Javalin;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;

import java.time.Duration;
import java.util.Objects;

/**
 * Gatehouse on HTTP as a server to start and stop, so that its users need know nothing of the web
 * server underneath: every Jetty setting stays in this module.
 */
public final class HttpServer {
    /**
     * At a stop, Jetty closes connections quiet for longer than this, even one whose request is in
     * a handler waiting for the rest of its body: a slow upload would be cut off after all. A
     * little more patience than Jetty's 1 s; idle keep-alive connections still go within it.
     */
    public static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofSeconds(2);

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Builds every route; nothing listens until {@link #start}.
     *
     * @param services the library's services the routes call
     * @param settings what the edge needs beyond them: credentials read, cookie, limits, public URL
     * @param statistics where each route's answers and latencies are counted
     * @return the server, not listening yet
     * @see GatehouseHttp#create
     */
    public static HttpServer create(GatehouseHttp.Services services, HttpSettings settings, RouteStatistics statistics) {
        return new HttpServer(GatehouseHttp.create(services, settings, statistics));
    }

    /**
     * Listens on {@code host} and {@code port} (0 for any free port), giving quiet connections
     * {@link #SHUTDOWN_IDLE_TIMEOUT} at a stop.
     *
     * @param host the address or name to listen on
     * @param port the port, or 0 for any free port ({@link #port()} then says which)
     * @return this server, listening
     */
    public HttpServer start(String host, int port) {
        return start(host, port, SHUTDOWN_IDLE_TIMEOUT);
    }

    /**
     * Like {@link #start(String, int)}, with the patience a stop has with quiet connections.
     *
     * @param host the address or name to listen on
     * @param port the port, or 0 for any free port ({@link #port()} then says which)
     * @param shutdownIdleTimeout how long a connection may be quiet at a stop before it is closed
     * @return this server, listening
     */
    public HttpServer start(String host, int port, Duration shutdownIdleTimeout) {
        Objects.requireNonNull(shutdownIdleTimeout, "shutdownIdleTimeout");
        app.start(host, port);
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector c) {
                c.setShutdownIdleTimeout(shutdownIdleTimeout.toMillis());
            }
        }
        return this;
    }

    /**
     * The port listened on.
     *
     * @return the port, the one given out when started on port 0
     */
    public int port() {
        return app.port();
    }

    /** Stops accepting, lets requests in flight finish (up to {@link GatehouseHttp#GRACEFUL_STOP}), then stops. */
    public void stop() {
        app.stop();
    }
}
