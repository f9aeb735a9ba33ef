package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.Authenticator;
import dev.gatehouse.core.authn.Credential;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.user.Role;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.UUID;

/**
 * Authenticates the caller of a protected route and checks what they may do. The result is
 * kept on the request so that a route asking twice does not hash a Basic password twice.
 */
final class Guard {
    private static final String ATTRIBUTE = Guard.class.getName();

    private final Authenticator authenticator;
    private final CredentialReader credentials;
    private final Challenges challenges;
    private final LoginAttempts logins;

    Guard(Authenticator authenticator, CredentialReader credentials, Challenges challenges, LoginAttempts logins) {
        this.authenticator = authenticator;
        this.credentials = credentials;
        this.challenges = challenges;
        this.logins = logins;
    }

    /** The authenticated caller, or a 401 problem. */
    AuthResult.Authenticated require(Context ctx) {
        return optional(ctx).orElseThrow(() -> challenges.unauthorized(ProblemCode.UNAUTHENTICATED, "authentication is required"));
    }

    /**
     * The user who signed in with Gatehouse, when credentials were sent; a refused credential is
     * still a 401. An access token issued to an app (for a user, or the app's own) is a 403 here:
     * Gatehouse's own API manages accounts, and an app a user let read their profile must not
     * change their password or, for an admin, run Gatehouse.
     */
    Optional<AuthResult.Authenticated> optional(Context ctx) {
        return anyCaller(ctx).map(caller -> switch (caller) {
            case AuthResult.Authenticated user when user.grant().isEmpty() -> user;
            default -> throw ApiProblem.forbidden("this API does not take access tokens issued to apps");
        });
    }

    /**
     * Whoever the credentials prove, apps' access tokens included: an {@link AuthResult.Authenticated}
     * or an {@link AuthResult.ClientAuthenticated}; empty without credentials; a refused credential is a 401.
     */
    Optional<AuthResult> anyCaller(Context ctx) {
        AuthResult result = ctx.attribute(ATTRIBUTE);
        if (result == null) {
            result = authenticate(ctx, credentials.read(ctx));
            ctx.attribute(ATTRIBUTE, result);
        }
        return switch (result) {
            case AuthResult.Authenticated a -> Optional.of(a);
            case AuthResult.ClientAuthenticated c -> Optional.of(c);
            case AuthResult.Anonymous a -> Optional.empty();
            case AuthResult.Rejected r -> throw challenges.unauthorized(r.reason().problem(), describe(r));
        };
    }

    private AuthResult authenticate(Context ctx, Optional<Credential> credential) {
        // A Basic password is a sign-in like any other: the throttle counts it before it is hashed.
        if (credential.isPresent() && credential.get() instanceof Credential.Basic basic && authenticator.isEnabled(AuthMethod.BASIC)) {
            return logins.basic(ctx, basic.login(), () -> authenticator.cachedBasic(basic), () -> authenticator.authenticate(basic));
        }
        return authenticator.authenticate(credential);
    }

    AuthResult.Authenticated requireAdmin(Context ctx) {
        AuthResult.Authenticated caller = require(ctx);
        if (caller.user().role() != Role.ADMIN) {
            throw ApiProblem.forbidden("this needs the admin role");
        }
        return caller;
    }

    /** The caller, when they are the user {@code id} or an admin; a 403 otherwise. */
    AuthResult.Authenticated requireSelfOrAdmin(Context ctx, UUID id) {
        AuthResult.Authenticated caller = require(ctx);
        if (!caller.user().id().equals(id) && caller.user().role() != Role.ADMIN) {
            throw ApiProblem.forbidden("only the user themself or an admin may do this");
        }
        return caller;
    }

    private static String describe(AuthResult.Rejected rejected) {
        return switch (rejected.reason()) {
            case INVALID_CREDENTIALS -> "the login or password is wrong";
            case INVALID_SESSION -> "the session is unknown or has ended";
            case INVALID_TOKEN -> "the access token is invalid, expired or revoked";
            case METHOD_NOT_ENABLED -> "this authentication method is not enabled on this server";
        };
    }
}
