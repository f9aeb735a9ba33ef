package dev.gatehouse.middleware.it;

import dev.gatehouse.middleware.matrix.HostileMatrix;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@link HostileMatrix}'s app as plain servlets, routed by Tomcat's own servlet mappings (exact,
 * path prefix, default; case-sensitive), and its WebSocket endpoints as Jakarta WebSocket ones.
 */
final class MatrixServlets {
    private MatrixServlets() {
    }

    /** Maps the handlers into the context. */
    static void install(Context context) {
        map(context, "public", method -> "public", "/public/*");
        map(context, "readme", method -> "readme", "/files/readme.txt");
        map(context, "files", method -> "files", "/files/*");
        map(context, "admin", method -> "admin", "/admin/*");
        map(context, "reports", method -> method.equals("GET") || method.equals("HEAD") ? "reports" : "default", "/reports/*");
        map(context, "items", method -> switch (method) {
            case "DELETE" -> "items-delete";
            case "POST" -> "items-post";
            default -> "default";
        }, "/items/*");
        map(context, "default", method -> "default", "/");
    }

    /**
     * Publishes the echo endpoint at /admin/ws and /public/ws. Runs as an initializer added after
     * Tomcat's WsSci, which puts the container in the context.
     */
    static ServletContainerInitializer webSocketEndpoints() {
        return (classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/admin/ws").build());
                container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/public/ws").build());
            } catch (DeploymentException e) {
                throw new ServletException(e);
            }
        };
    }

    private static void map(Context context, String name, Function<String, String> handlerByMethod, String pattern) {
        Tomcat.addServlet(context, name, new Handler(handlerByMethod));
        context.addServletMappingDecoded(pattern, name);
    }

    /** Answers 200 naming the handler it stands for, whatever the method: the sweep judges who got in, not what they got. */
    private static final class Handler extends HttpServlet {
        private final transient Function<String, String> handlerByMethod;

        Handler(Function<String, String> handlerByMethod) {
            this.handlerByMethod = handlerByMethod;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String handler = handlerByMethod.apply(request.getMethod());
            response.setStatus(200);
            response.setHeader(HostileMatrix.HANDLER_HEADER, handler);
            response.setContentType("text/plain;charset=UTF-8");
            if (!request.getMethod().equals("HEAD")) {
                response.getOutputStream().write(handler.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
