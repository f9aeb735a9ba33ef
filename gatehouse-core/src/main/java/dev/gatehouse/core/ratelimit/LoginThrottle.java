package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.spi.RateLimitStore;
import dev.gatehouse.core.spi.TokenHashes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Slows password guessing without handing a guesser a way to lock a user out. Failed password
 * checks are counted in fixed windows:
 * <ul>
 *   <li>per account and address: one address guessing one account is refused once it reaches
 *       its limit, until the window ends. Other addresses are not affected;</li>
 *   <li>per address over all accounts (password spraying): the same, for every account;</li>
 *   <li>per account over all addresses (guessing spread over many addresses): past its limit,
 *       attempts on the account pass one at a time through a gate that closes for one second,
 *       then twice as long after every further failure, at most {@link #MAX_DELAY}. An address
 *       where the account signed in within the last {@link #KNOWN_ADDRESS_WINDOW} skips the
 *       gate, so the owner at home does not wait for strangers' failures.</li>
 * </ul>
 *
 * <p>No account is ever locked for everyone: the only account-wide measure is the gate, and it
 * never closes for longer than {@link #MAX_DELAY}; its limit is above the per-address one, so one
 * address alone never closes it. An account is named by the user it resolves to (an email and a
 * username of one user share their counts) or, for a login that names nobody, by that login in
 * its normal form: both are counted alike, so the throttle does not tell which logins exist.
 *
 * <p>Only failures count. A success forgives its account's failures from that address and opens
 * the gate, but not the account-wide count (a guesser would otherwise get a fresh allowance
 * whenever the owner signs in). Counters live in a {@link RateLimitStore}; with Redis every
 * instance counts together. Concurrent attempts may pass a count limit by as many as run at
 * once; the gate lets exactly one through. Logins are kept in keys only as SHA-256 digests,
 * never in clear.
 */
public final class LoginThrottle {
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** The wait after the first failure past the account-wide limit; it doubles with each further one. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** The longest an account-wide wait grows: what a guesser spread over many addresses can make the owner wait. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** How long an address where an account signed in is remembered as the owner's: 30 to 60 days. */
    public static final Duration KNOWN_ADDRESS_WINDOW = Duration.ofDays(30);
    /** Registrations are counted per address in windows of this length. */
    public static final Duration REGISTRATION_WINDOW = Duration.ofHours(1);

    /**
     * How many attempts are tolerated before they are refused or spaced out. Each failure limit is
     * a count per {@code window}; the three sign-in limits are independent, and all three at 0
     * turn the sign-in throttle off.
     *
     * @param perAccountAndAddress    failures on one account from one address per window; 0 for no such limit
     * @param perAddress              failures from one address over all accounts per window; 0 for no such limit
     * @param perAccount              failures on one account from all addresses per window before its attempts are spaced out;
     *                                0 for no such limit
     * @param registrationsPerAddress registrations tried from one address per {@link #REGISTRATION_WINDOW}; 0 for no limit
     * @param window                  the length of the windows failures are counted in; at least a second
     */
    public record Limits(int perAccountAndAddress, int perAddress, int perAccount, int registrationsPerAddress, Duration window) {
        /**
         * 10 failures per account and address, 100 per address and 20 per account in 15 minutes, and 20
         * registrations per address an hour: far more than people mistype, far fewer than guessing needs.
         */
        public static final Limits DEFAULT = new Limits(10, 100, 20, 20, Duration.ofMinutes(15));
        /** No limit at all: nothing is counted and every attempt is allowed. */
        public static final Limits OFF = new Limits(0, 0, 0, 0, Duration.ofMinutes(15));

        /**
         * Refuses a negative limit and a window under a second.
         *
         * @throws IllegalArgumentException when a limit is negative or the window shorter than a second
         */
        public Limits {
            Objects.requireNonNull(window, "window");
            if (perAccountAndAddress < 0 || perAddress < 0 || perAccount < 0 || registrationsPerAddress < 0
                    || window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("limits must not be negative and the window at least a second");
            }
        }

        /**
         * The account-wide limit that goes with a per-account-and-address one: twice it, so that one address alone never reaches it.
         *
         * @param perAccountAndAddress the per-account-and-address limit
         * @return the account-wide limit to go with it
         */
        public static int defaultPerAccount(int perAccountAndAddress) {
            return perAccountAndAddress * 2;
        }

        boolean off() {
            return perAccountAndAddress == 0 && perAddress == 0 && perAccount == 0;
        }
    }

    /**
     * Whose failures are counted together: a user, however the login named them, or a login that
     * names nobody.
     *
     * @param key the account's name in counter keys, which hash it before it reaches the store
     */
    public record Account(String key) {
        /** Refuses a missing key. */
        public Account {
            Objects.requireNonNull(key, "key");
        }

        /**
         * The account of a known user, whichever email or username the attempt used.
         *
         * @param id the user's id
         * @return the account
         */
        public static Account user(UUID id) {
            return new Account("user:" + id);
        }

        /**
         * A login that names no user. Pass it in its normal form (the user package's
         * {@code UserFields.normalise}), so that {@code ADA} and {@code ada} are counted as one.
         *
         * @param normalisedLogin the login in its normal form
         * @return the account
         */
        public static Account unknownLogin(String normalisedLogin) {
            return new Account("login:" + normalisedLogin);
        }
    }

    private final RateLimitStore store;
    private final Limits limits;
    private final Clock clock;

    /**
     * A throttle counting in {@code store}.
     *
     * @param store where counts and gates are kept; shared by every instance that must count together
     * @param limits the limits to apply
     * @param clock the time windows are measured by
     */
    public LoginThrottle(RateLimitStore store, Limits limits, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The limits this throttle applies.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * No sign-in limit at all: callers may skip naming the account.
     *
     * @return true when all three sign-in limits are 0
     */
    public boolean isOff() {
        return limits.off();
    }

    /**
     * Before checking a password: may {@code account} be tried from {@code address} now?
     *
     * @param account whose password is about to be checked
     * @param address the client's address
     * @return whether to go on, or how long to wait first; a refused attempt must not check the password
     */
    public ThrottleVerdict check(Account account, String address) {
        if (limits.off()) {
            return new ThrottleVerdict.Allowed();
        }
        Instant now = clock.instant();
        Instant end = windowEnd(now, limits.window());
        if (over(limits.perAccountAndAddress(), store.count(pairKey(account, address), end))
                || over(limits.perAddress(), store.count(addressKey(address), end))) {
            return new ThrottleVerdict.Refused(Duration.between(now, end));
        }
        return limits.perAccount() > 0 ? throughGate(account, address, now, end) : new ThrottleVerdict.Allowed();
    }

    /**
     * The password was wrong, or the login unknown: one more failure for each counter.
     *
     * @param account whose password was wrong, or the unknown login
     * @param address the client's address
     */
    public void failed(Account account, String address) {
        Instant end = windowEnd(clock.instant(), limits.window());
        if (limits.perAccountAndAddress() > 0) {
            store.increment(pairKey(account, address), end);
        }
        if (limits.perAddress() > 0) {
            store.increment(addressKey(address), end);
        }
        if (limits.perAccount() > 0) {
            store.increment(accountKey(account), end);
        }
    }

    /**
     * The password was right: the account's failures from this address are forgiven, its gate opens and the address is the owner's.
     *
     * @param account whose password was right
     * @param address the client's address
     */
    public void succeeded(Account account, String address) {
        Instant now = clock.instant();
        if (limits.perAccountAndAddress() > 0) {
            store.reset(pairKey(account, address), windowEnd(now, limits.window()));
        }
        if (limits.perAccount() > 0) {
            store.open(gateKey(account));
            store.increment(knownKey(account, address), windowEnd(now, KNOWN_ADDRESS_WINDOW));
        }
    }

    /**
     * A registration is being tried from {@code address}: counted at once, refused past the limit
     * until the window ends. IPv6 addresses are counted by their /64, the block one site or one
     * customer line is given: counted by the full address, a single host could register without
     * limit by picking another address of its own block for each try.
     *
     * @param address the client's address
     * @return whether to go on with the registration, or how long to wait first
     */
    public ThrottleVerdict registering(String address) {
        if (limits.registrationsPerAddress() == 0) {
            return new ThrottleVerdict.Allowed();
        }
        Instant now = clock.instant();
        Instant end = windowEnd(now, REGISTRATION_WINDOW);
        long tried = store.increment("register:" + registrationBlock(address), end);
        return tried > limits.registrationsPerAddress() ? new ThrottleVerdict.Refused(Duration.between(now, end)) : new ThrottleVerdict.Allowed();
    }

    /** An IPv6 address's /64, written {@code 20010db8000000aa::/64}; any other address as it is. */
    static String registrationBlock(String address) {
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            // A literal: parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private ThrottleVerdict throughGate(Account account, String address, Instant now, Instant end) {
        long failures = store.count(accountKey(account), end);
        if (failures < limits.perAccount() || known(account, address, now)) {
            return new ThrottleVerdict.Allowed();
        }
        Optional<Instant> closed = store.pass(gateKey(account), now, now.plus(delay(failures - limits.perAccount())));
        return closed.<ThrottleVerdict>map(until -> new ThrottleVerdict.Refused(Duration.between(now, until)))
                .orElseGet(ThrottleVerdict.Allowed::new);
    }

    /** One second, doubled for each failure past the limit, at most {@link #MAX_DELAY}. */
    static Duration delay(long pastLimit) {
        long doublings = Math.min(pastLimit, 30);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** Signed in from this address in this known-address window or the one before. */
    private boolean known(Account account, String address, Instant now) {
        String key = knownKey(account, address);
        Instant end = windowEnd(now, KNOWN_ADDRESS_WINDOW);
        return store.count(key, end) > 0 || store.count(key, end.minus(KNOWN_ADDRESS_WINDOW)) > 0;
    }

    private static boolean over(int limit, long failures) {
        return limit > 0 && failures >= limit;
    }

    /** Windows are aligned to the epoch, so every instance agrees on where one ends. */
    private static Instant windowEnd(Instant now, Duration window) {
        long windowMillis = window.toMillis();
        long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        return Instant.ofEpochMilli(start + windowMillis);
    }

    private static String pairKey(Account account, String address) {
        return "login:" + TokenHashes.sha256(account.key() + "\n" + address);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String accountKey(Account account) {
        return "account:" + TokenHashes.sha256(account.key());
    }

    private static String gateKey(Account account) {
        return "gate:" + TokenHashes.sha256(account.key());
    }

    private static String knownKey(Account account, String address) {
        return "known:" + TokenHashes.sha256(account.key() + "\n" + address);
    }
}
