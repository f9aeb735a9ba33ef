package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.internal.support.BoundedExpiringCache;
import dev.gatehouse.core.user.UserFields;
import dev.gatehouse.core.user.UserService;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link LoginThrottle.Account} a login names: its user when there is one, so that a guesser
 * cannot double their tries by alternating a user's email and username, else the login itself in
 * its normal form. Either way it costs one store read, remembered for {@link #MEMORY} whatever it
 * found, so that the throttle does not tell by its timing which logins exist, and a Basic caller,
 * who names the login on every request, does not read the store on every request.
 */
public final class LoginAccounts {
    /**
     * How long the account a login names is remembered. A stale answer (the login moved to another
     * user meanwhile) only counts a few seconds of failures under the old account.
     */
    public static final Duration MEMORY = Duration.ofSeconds(10);
    private static final int MAX_REMEMBERED_LOGINS = 10_000;

    private final UserService users;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final BoundedExpiringCache<LoginThrottle.Account> remembered;

    /**
     * Accounts for {@code throttle}, looked up in {@code users}.
     *
     * @param users where logins are looked up
     * @param throttle the throttle the accounts are for; when it is off, no login is looked up
     * @param clock the clock that ends what is remembered
     */
    public LoginAccounts(UserService users, LoginThrottle throttle, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remembered = new BoundedExpiringCache<>(MAX_REMEMBERED_LOGINS, clock);
    }

    /**
     * The account {@code login} names.
     *
     * @param login an email or a username, as the caller typed it
     * @return its user's account, or the account of the login itself when it names nobody
     */
    public LoginThrottle.Account of(String login) {
        if (throttle.isOff()) {
            return LoginThrottle.Account.unknownLogin(login);
        }
        Optional<LoginThrottle.Account> known = remembered.get(login);
        if (known.isPresent()) {
            return known.get();
        }
        LoginThrottle.Account account = users.findByLogin(login).map(user -> LoginThrottle.Account.user(user.id()))
                .orElseGet(() -> LoginThrottle.Account.unknownLogin(UserFields.normalise(login).orElse(login)));
        remembered.put(login, account, clock.instant().plus(MEMORY));
        return account;
    }
}
