package dev.gatehouse.middleware.matrix;

import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.GatehouseJavalinPlugin;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.javalin.http.staticfiles.Location;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hostile sweep against the Javalin plugin, at the root and under a context path. */
class JavalinMatrixTest {
    @RegisterExtension
    static final MatrixGatehouse gatehouse = new MatrixGatehouse();

    @ParameterizedTest
    @ValueSource(strings = {"", "/app"})
    void noHostileRequestReachesAHandlerTheRulesKeepTheCallerOutOf(String contextPath) {
        Javalin app = start(contextPath);
        try {
            HostileMatrix matrix = gatehouse.matrix(app.port(), contextPath);
            assertThat(matrix.sweep()).isEmpty();
            assertThat(matrix.webSocketSweep()).isEmpty();
            assertThat(matrix.signInSweep()).isEmpty();
        } finally {
            app.stop();
        }
    }

    /**
     * Javalin serves static files after the before-handlers, from the path Jetty resolved: no
     * spelling of {@code /admin/x} reaches the file for a caller the rules keep out of it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "/app"})
    void staticFilesAreGuardedLikeRoutes(String contextPath, @TempDir Path files) throws Exception {
        Files.createDirectories(files.resolve("admin"));
        Files.createDirectories(files.resolve("public"));
        Files.writeString(files.resolve("admin/x"), "admin-file");
        Files.writeString(files.resolve("public/x"), "public-file");
        GatehouseGuard guard = gatehouse.guard();
        Javalin app = Javalin.create(config -> {
            config.registerPlugin(new GatehouseJavalinPlugin(guard));
            config.staticFiles.add(staticFiles -> {
                staticFiles.hostedPath = "/";
                staticFiles.directory = files.toString();
                staticFiles.location = Location.EXTERNAL;
            });
            if (!contextPath.isEmpty()) {
                config.router.contextPath = contextPath;
            }
        }).start("127.0.0.1", 0);
        try {
            assertThat(RawRequest.send(app.port(), "GET", contextPath + "/admin/x", List.of("Authorization: Bearer " + gatehouse.adminToken()), "").body())
                    .isEqualTo("admin-file");
            assertThat(RawRequest.send(app.port(), "GET", contextPath + "/public/x", List.of(), "").body()).isEqualTo("public-file");
            List<String> leaks = new ArrayList<>();
            for (String path : HostileMatrix.PATHS) {
                for (List<String> caller : List.of(List.<String>of(), List.of("Authorization: Bearer " + gatehouse.commonToken()))) {
                    RawRequest.Reply reply = RawRequest.send(app.port(), "GET", contextPath + path, caller, "");
                    if (reply.body().contains("admin-file") || reply.status() >= 500) {
                        leaks.add(path + " " + caller + ": " + reply.status());
                    }
                }
            }
            assertThat(leaks).isEmpty();
        } finally {
            app.stop();
        }
    }

    /** The app of {@link HostileMatrix}'s contract, routed as Javalin routes: catch-alls, path parameters, case-sensitive. */
    private static Javalin start(String contextPath) {
        GatehouseGuard guard = gatehouse.guard();
        // docs/GATEWAY.md's Javalin registration, line for line (DocumentedSnippetsTest).
        Javalin app = Javalin.create(config -> {
            config.registerPlugin(new GatehouseJavalinPlugin(guard));
            config.routes.ws("/admin/ws", ws -> ws.onConnect(ctx -> ctx.send("admin")));
            if (!contextPath.isEmpty()) {
                config.router.contextPath = contextPath;
            }
            config.routes.ws("/public/ws", ws -> ws.onConnect(ctx -> ctx.send("public")));
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/public/<rest>", ctx -> answer(ctx, "public"));
                config.routes.addHttpHandler(method, "/files/readme.txt", ctx -> answer(ctx, "readme"));
                config.routes.addHttpHandler(method, "/files/{name}", ctx -> answer(ctx, "files"));
                config.routes.addHttpHandler(method, "/admin", ctx -> answer(ctx, "admin"));
                config.routes.addHttpHandler(method, "/admin/<rest>", ctx -> answer(ctx, "admin"));
            }
            config.routes.get("/reports/<rest>", ctx -> answer(ctx, "reports"));
            config.routes.delete("/items/<rest>", ctx -> answer(ctx, "items-delete"));
            config.routes.post("/items/<rest>", ctx -> answer(ctx, "items-post"));
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/<rest>", ctx -> answer(ctx, "default"));
            }
        });
        return app.start("127.0.0.1", 0);
    }

    private static void answer(Context ctx, String handler) {
        ctx.header(HostileMatrix.HANDLER_HEADER, handler).result("handler=" + handler);
    }
}
