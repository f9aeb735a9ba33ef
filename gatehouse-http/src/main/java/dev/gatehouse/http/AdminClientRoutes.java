package dev.gatehouse.http;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.oidc.ClientChange;
import dev.gatehouse.oidc.ClientJson;
import dev.gatehouse.oidc.ClientRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * The admin API of the OpenID clients: the same registry and rules as {@code gatehouse clients},
 * for admins only. A secret appears in the one answer that made it, as {@code client_secret}.
 */
final class AdminClientRoutes {
    static final String PATH = HttpParts.API + "/admin/clients";

    private final HttpParts parts;
    private final ClientRegistry clients;

    AdminClientRoutes(HttpParts parts, ClientRegistry clients) {
        this.parts = parts;
        this.clients = clients;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{id}", this::get);
        routes.put(PATH + "/{id}", this::update);
        routes.delete(PATH + "/{id}", this::delete);
        routes.post(PATH + "/{id}/secret", this::rotateSecret);
    }

    private void list(Context ctx) {
        parts.guard().requireAdmin(ctx);
        List<Map<String, Object>> views = clients.list().stream().map(ClientJson::of).toList();
        ctx.json(Map.of("clients", views));
    }

    private void create(Context ctx) {
        parts.guard().requireAdmin(ctx);
        ClientChange.Saved saved = saved(clients.register(ClientMetadata.registration(parts.bodies().readJsonObject(ctx))));
        ctx.status(201).header("Location", PATH + "/" + saved.client().id()).json(withSecret(saved));
    }

    private void get(Context ctx) {
        parts.guard().requireAdmin(ctx);
        ctx.json(ClientJson.of(find(ctx)));
    }

    private void update(Context ctx) {
        parts.guard().requireAdmin(ctx);
        Client client = find(ctx);
        ctx.json(withSecret(saved(clients.update(client.id(), ClientMetadata.changes(parts.bodies().readJsonObject(ctx), client)))));
    }

    private void delete(Context ctx) {
        parts.guard().requireAdmin(ctx);
        if (!clients.delete(ctx.pathParam("id"))) {
            throw ApiProblem.notFound("no such client");
        }
        ctx.status(204);
    }

    private void rotateSecret(Context ctx) {
        parts.guard().requireAdmin(ctx);
        ctx.json(withSecret(saved(clients.rotateSecret(ctx.pathParam("id")))));
    }

    private Client find(Context ctx) {
        return clients.find(ctx.pathParam("id")).orElseThrow(() -> ApiProblem.notFound("no such client"));
    }

    private static ClientChange.Saved saved(ClientChange change) {
        return switch (change) {
            case ClientChange.Saved saved -> saved;
            case ClientChange.Invalid invalid -> throw new ApiProblem(ProblemCode.INVALID_FIELD, invalid.reason());
            case ClientChange.IdTaken taken -> throw new ApiProblem(ProblemCode.CLIENT_EXISTS, "a client with this client_id is registered already");
            case ClientChange.NotFound notFound -> throw ApiProblem.notFound("no such client");
            case ClientChange.Conflict conflict -> throw new ApiProblem(ProblemCode.CLIENT_CHANGED,
                    "the client changed while this request changed it; read it again and retry");
        };
    }

    private static Map<String, Object> withSecret(ClientChange.Saved saved) {
        Map<String, Object> json = ClientJson.of(saved.client());
        saved.secret().ifPresent(secret -> json.put("client_secret", secret));
        return json;
    }
}
