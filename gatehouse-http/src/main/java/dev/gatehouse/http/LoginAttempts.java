package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.Rejection;
import dev.gatehouse.core.ratelimit.LoginThrottle;
import dev.gatehouse.core.ratelimit.ThrottleVerdict;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every password check over HTTP (JSON login, the login page, Basic) goes through here, so that
 * the {@link LoginThrottle} counts them all: a throttled attempt is refused with 429 before the
 * password is hashed.
 */
final class LoginAttempts {
    /** What came of a sign-in with a login and a password. */
    sealed interface Outcome {
        record SignedIn(User user) implements Outcome {
        }

        record WrongCredentials() implements Outcome {
        }

        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    private final UserService users;
    private final LoginThrottle throttle;
    private final ClientAddresses addresses;

    LoginAttempts(UserService users, LoginThrottle throttle, ClientAddresses addresses) {
        this.users = users;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    String clientAddress(Context ctx) {
        return addresses.of(ctx);
    }

    Outcome signIn(Context ctx, String login, String password) {
        String address = addresses.of(ctx);
        if (throttle.check(login, address) instanceof ThrottleVerdict.Refused refused) {
            return new Outcome.Throttled(refused.retryAfter());
        }
        Optional<User> user = users.authenticate(login, password);
        if (user.isPresent()) {
            throttle.succeeded(login, address);
            return new Outcome.SignedIn(user.get());
        }
        throttle.failed(login, address);
        return new Outcome.WrongCredentials();
    }

    /**
     * A Basic credential's check, counted like a sign-in; a throttled caller gets a 429 problem.
     *
     * <p>The throttle is asked first, before even the cache of recently verified credentials: a
     * cache hit happens only for the right password, so serving hits to a throttled caller would
     * tell a guesser which guess was right, the very thing the throttle withholds. A hit skips
     * {@link LoginThrottle#succeeded} (a store write per request): the full check that filled the
     * entry, at most a time-to-live ago, already cleared the count, and failures since then are
     * only cleared by the next full check. That is stricter than clearing on every request, never
     * looser.
     *
     * @param cached       the caller when the credential verified recently; never a rejection
     * @param authenticate the full check, which hashes the password
     */
    AuthResult basic(Context ctx, String login, Supplier<Optional<AuthResult.Authenticated>> cached, Supplier<AuthResult> authenticate) {
        String address = addresses.of(ctx);
        if (throttle.check(login, address) instanceof ThrottleVerdict.Refused refused) {
            throw tooManyAttempts(refused.retryAfter());
        }
        Optional<AuthResult.Authenticated> hit = cached.get();
        if (hit.isPresent()) {
            return hit.get();
        }
        AuthResult result = authenticate.get();
        if (result instanceof AuthResult.Authenticated) {
            throttle.succeeded(login, address);
        } else if (result instanceof AuthResult.Rejected rejected && rejected.reason() == Rejection.INVALID_CREDENTIALS) {
            throttle.failed(login, address);
        }
        return result;
    }

    static ApiProblem tooManyAttempts(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new ApiProblem(429, "too_many_attempts", "Too Many Requests",
                "too many failed sign-ins; try again in " + retryAfterSeconds(retryAfter) + " seconds",
                Map.of("Retry-After", Long.toString(retryAfterSeconds(retryAfter))));
    }

    static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
