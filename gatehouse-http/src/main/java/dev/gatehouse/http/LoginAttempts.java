package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.Rejection;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.ratelimit.LoginAccounts;
import dev.gatehouse.core.ratelimit.LoginThrottle;
import dev.gatehouse.core.ratelimit.ThrottleVerdict;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every password check over HTTP (JSON login, the login page, Basic, the current password of a
 * password change) goes through here, so that the {@link LoginThrottle} counts them all, per
 * account whichever login named it: a throttled attempt is refused with 429 before the password
 * is hashed. Registrations are counted here too.
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
    private final LoginAccounts accounts;

    LoginAttempts(UserService users, LoginThrottle throttle, ClientAddresses addresses, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.addresses = addresses;
        this.accounts = new LoginAccounts(users, throttle, clock);
    }

    String clientAddress(Context ctx) {
        return addresses.of(ctx);
    }

    Outcome signIn(Context ctx, String login, String password) {
        String address = addresses.of(ctx);
        LoginThrottle.Account account = accounts.of(login);
        if (throttle.check(account, address) instanceof ThrottleVerdict.Refused refused) {
            return new Outcome.Throttled(refused.retryAfter());
        }
        Optional<User> user = users.authenticate(login, password);
        if (user.isPresent()) {
            throttle.succeeded(account, address);
            return new Outcome.SignedIn(user.get());
        }
        throttle.failed(account, address);
        return new Outcome.WrongCredentials();
    }

    /**
     * A password change by the user themself, whose {@code current_password} is a guess like a
     * sign-in's: counted on the same account, refused with 429 before it is hashed.
     */
    PasswordChange changeOwnPassword(Context ctx, User user, Supplier<PasswordChange> change) {
        String address = addresses.of(ctx);
        LoginThrottle.Account account = LoginThrottle.Account.user(user.id());
        if (throttle.check(account, address) instanceof ThrottleVerdict.Refused refused) {
            throw tooManyAttempts(refused.retryAfter());
        }
        PasswordChange result = change.get();
        switch (result) {
            case PasswordChange.WrongCurrentPassword wrong -> throttle.failed(account, address);
            case PasswordChange.Changed changed -> throttle.succeeded(account, address);
            case PasswordChange.Invalid invalid -> {
                // The current password was right; the new one is refused: nothing to count.
            }
            case PasswordChange.UserNotFound gone -> {
                // Deleted meanwhile: nobody to count for.
            }
        }
        return result;
    }

    /** Before a registration: refused with 429 once its address has tried too many lately. */
    void admitRegistration(Context ctx) {
        if (throttle.registering(addresses.of(ctx)) instanceof ThrottleVerdict.Refused refused) {
            throw tooMany("too many registrations from this address", refused.retryAfter());
        }
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
        LoginThrottle.Account account = accounts.of(login);
        if (throttle.check(account, address) instanceof ThrottleVerdict.Refused refused) {
            throw tooManyAttempts(refused.retryAfter());
        }
        Optional<AuthResult.Authenticated> hit = cached.get();
        if (hit.isPresent()) {
            return hit.get();
        }
        AuthResult result = authenticate.get();
        if (result instanceof AuthResult.Authenticated) {
            throttle.succeeded(account, address);
        } else if (result instanceof AuthResult.Rejected rejected && rejected.reason() == Rejection.INVALID_CREDENTIALS) {
            throttle.failed(account, address);
        }
        return result;
    }

    static ApiProblem tooManyAttempts(Duration retryAfter) {
        return tooMany("too many failed sign-ins", retryAfter);
    }

    private static ApiProblem tooMany(String what, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new ApiProblem(ProblemCode.TOO_MANY_ATTEMPTS,
                what + "; try again in " + retryAfterSeconds(retryAfter) + " seconds",
                Map.of("Retry-After", Long.toString(retryAfterSeconds(retryAfter))));
    }

    static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
