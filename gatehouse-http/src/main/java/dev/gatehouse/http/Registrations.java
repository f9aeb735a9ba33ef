package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.user.Role;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Decides whether this request may create a user, before its body is read or any password is
 * hashed ({@code GATEHOUSE_REGISTRATION}). Open registration on a server that guards other apps
 * lets any stranger make an account and walk in, so by default only a signed-in admin may.
 */
final class Registrations {
    private final RegistrationMode mode;
    private final Guard guard;

    Registrations(RegistrationMode mode, Guard guard) {
        this.mode = mode;
        this.guard = guard;
    }

    /**
     * Returns when the caller may register a user, a 403 {@code registration_closed} problem
     * otherwise.
     *
     * @return true when a signed-in admin asked (in {@code admin} mode), false for an anonymous
     *         registration (in {@code open} mode, where callers are not authenticated here)
     */
    boolean requireAllowed(Context ctx) {
        return switch (mode) {
            case OPEN -> false;
            case ADMIN -> {
                // Wrong credentials stay a 401; no credentials, or a user who is not an admin, get the 403.
                Optional<AuthResult.Authenticated> caller = guard.optional(ctx);
                if (caller.isEmpty() || caller.get().user().role() != Role.ADMIN) {
                    throw closed("new users are created by an admin on this server");
                }
                yield true;
            }
            case CLOSED -> throw closed("new users are created with the command line on this server");
        };
    }

    private static ApiProblem closed(String detail) {
        return new ApiProblem(ProblemCode.REGISTRATION_CLOSED, detail);
    }
}
