package dev.gatehouse.middleware;

import io.javalin.http.Context;

import java.util.Optional;

/** Reads what {@link GatehouseJavalinPlugin} put on the request. */
public final class GatehouseJavalin {
    private GatehouseJavalin() {
    }

    /**
     * The signed-in caller, or empty on a public path reached without (valid) credentials.
     *
     * @param ctx a request the plugin let through
     * @return the identity the guard put on it
     */
    public static Optional<Identity> identity(Context ctx) {
        return ctx.attribute(GatehouseGuard.IDENTITY_ATTRIBUTE) instanceof Identity identity ? Optional.of(identity) : Optional.empty();
    }
}
