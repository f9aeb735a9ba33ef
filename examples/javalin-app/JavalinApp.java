import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.SessionIntrospection;
import dev.gatehouse.middleware.GatehouseJavalin;
import dev.gatehouse.middleware.GatehouseJavalinPlugin;
import dev.gatehouse.middleware.Identity;
import io.javalin.Javalin;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Javalin app guarded by Gatehouse: /public is open, /admin needs the admin role, the rest a signed-in user. */
public class JavalinApp {
    public static void main(String[] args) {
        String gatehouse = System.getenv().getOrDefault("GATEHOUSE_URL", "http://127.0.0.1:8080");
        String issuer = System.getenv().getOrDefault("GATEHOUSE_ISSUER", gatehouse);
        AccessRules rules = new AccessRules(List.of(
                new AccessRule("public", Optional.empty(), new PathPattern.Prefix("/public"), Set.of(), new Policy.Public(), PageRedirects.none()),
                new AccessRule("admin", Optional.empty(), new PathPattern.Prefix("/admin"), Set.of(), new Policy.Roles(Set.of(Role.ADMIN)), PageRedirects.none())),
                new Policy.Authenticated(), PageRedirects.none());
        GatehouseGuard.Builder builder = GatehouseGuard.builder(issuer, URI.create(gatehouse + "/.well-known/jwks.json"))
                .rules(rules)
                .loginUrl(gatehouse + "/login");
        // With the server's GATEHOUSE_INTROSPECTION_SECRET, session cookies sign callers in too.
        String secret = System.getenv("GATEHOUSE_INTROSPECTION_SECRET");
        if (secret != null) {
            builder.sessions(SessionIntrospection.builder(URI.create(gatehouse + "/api/v1/auth/introspect"), secret).build());
        }
        GatehouseGuard guard = builder.build();

        Javalin.create(config -> {
            config.registerPlugin(new GatehouseJavalinPlugin(guard));
            config.routes.get("/public", ctx -> ctx.result("open to all\n"));
            config.routes.get("/me", ctx -> ctx.result("hello " + GatehouseJavalin.identity(ctx).map(Identity::label).orElseThrow() + "\n"));
            config.routes.get("/admin", ctx -> ctx.result("admins only\n"));
        }).start(Integer.parseInt(System.getenv().getOrDefault("PORT", "7070")));
    }
}
