package dev.gatehouse.server.config;

import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.http.ForwardAuthProxy;
import dev.gatehouse.http.ForwardAuthSettings;
import dev.gatehouse.http.HttpSettings;
import dev.gatehouse.http.RegistrationMode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server's settings, each declared once: its flag, its environment names, its default (the
 * library's own constant where the library has one), whether it is a secret, and what it means. {@link ConfigLoader} reads values through this table, the
 * command line's options are made from it ({@code SettingOptions}), and the README's settings table
 * is {@link #markdownTable()} (a test keeps the two equal).
 *
 * <p>Environment names are a public interface (scripts outside the project rely on them), so older
 * names stay accepted as compatibility aliases; the first is the one documented.
 */
public enum Setting {
    HOST("--host", List.of("API_HOST", "GATEHOUSE_HOST"), Kind.PLAIN, "127.0.0.1", "",
            "address to listen on"),
    PORT("--port", List.of("API_PORT", "GATEHOUSE_PORT"), Kind.PLAIN, "8080", "",
            "port (0 = any free port)"),
    AUTH_TYPE("--auth-type", List.of("AUTH_TYPE", "GATEHOUSE_AUTH_TYPE"), Kind.PLAIN, "basic,session", "",
            "comma list of `basic`, `session`, `jwt` (Bearer access tokens and refresh tokens at login; see [docs/TOKENS.md](docs/TOKENS.md)); the names `basic_auth`, `session_auth`, `session_exp_auth`, `session_db_auth` and `jwt_auth`, `bearer` are accepted for compatibility with existing deployments"),
    SESSION_NAME("--session-name", List.of("SESSION_NAME", "GATEHOUSE_SESSION_NAME"), Kind.PLAIN, HttpSettings.DEFAULT_SESSION_COOKIE_NAME, "",
            "session cookie name"),
    SESSION_DURATION("--session-duration", List.of("SESSION_DURATION", "GATEHOUSE_SESSION_DURATION"), Kind.PLAIN, "0", "",
            "absolute session lifetime in seconds (or `30d`, `12h`, `15m`); 0 or absent = no absolute expiry"),
    SESSION_IDLE_TIMEOUT("--session-idle-timeout", List.of("SESSION_IDLE_TIMEOUT", "GATEHOUSE_SESSION_IDLE_TIMEOUT"), Kind.PLAIN, "0", "",
            "a session unused this long ends; 0 = never"),
    COOKIE_SECURE("--cookie-secure", List.of("GATEHOUSE_COOKIE_SECURE"), Kind.PLAIN, "false", "",
            "mark the cookie `Secure`; set it whenever TLS is in front"),
    STORE("--store", List.of("STORE", "GATEHOUSE_STORE"), Kind.PLAIN, "sqlite", "",
            "`sqlite`, `postgres` (several instances may share it) or `memory`"),
    DB_URL("--db-url", List.of("GATEHOUSE_DB_URL"), Kind.PLAIN, "jdbc:sqlite:./data/gatehouse.db", "",
            "JDBC URL: `jdbc:sqlite:FILE`, or `jdbc:postgresql://HOST:PORT/DB?user=...&password=...` with `STORE=postgres`"),
    REDIS_URL("--redis-url", List.of("GATEHOUSE_REDIS_URL"), Kind.SECRET, null, "",
            "`redis://[:PASSWORD@]HOST:PORT[/DB]`: sessions, refresh tokens, revocations and rate-limit counters move to Redis; users and keys stay in SQL. See [docs/OPERATIONS.md](docs/OPERATIONS.md) for what Redis's persistence settings keep"),
    REDIS_KEY_PREFIX("--redis-key-prefix", List.of("GATEHOUSE_REDIS_KEY_PREFIX"), Kind.PLAIN, "gatehouse:", "",
            "what every key in Redis starts with"),
    CACHE_MAX_STALE("--cache-max-stale", List.of("GATEHOUSE_CACHE_MAX_STALE"), Kind.PLAIN, "10s", "",
            "on SQL stores: the longest a cached session, user or revocation answer is believed without asking the store (changes made through any instance, or by `gatehouse users` beside a SQLite server, are seen within about a second); `0` turns caching off; at most `5m`"),
    ADMIN_EMAIL("--admin-email", List.of("GATEHOUSE_ADMIN_EMAIL"), Kind.PLAIN, null, "",
            "at start, make sure this admin exists (created, or an existing user promoted); needs `GATEHOUSE_ADMIN_PASSWORD`"),
    ADMIN_PASSWORD("--admin-password", List.of("GATEHOUSE_ADMIN_PASSWORD"), Kind.SECRET, null, "",
            "the start-up admin's password, under the same rules as everyone's; needs `GATEHOUSE_ADMIN_EMAIL`"),
    REGISTRATION("--registration", List.of("GATEHOUSE_REGISTRATION"), Kind.PLAIN, RegistrationMode.ADMIN.settingName(), "",
            "who may create users through `POST /api/v1/users`: `open` (anyone), `admin` (a signed-in admin), `closed` (nobody; the CLI and `GATEHOUSE_ADMIN_EMAIL` still can). Refusals are 403 `registration_closed`"),
    MAX_BODY_BYTES("--max-body-bytes", List.of("GATEHOUSE_MAX_BODY_BYTES"), Kind.PLAIN, String.valueOf(HttpSettings.DEFAULT_MAX_BODY_BYTES), "",
            "larger request bodies get 413"),
    HASH_CONCURRENCY("--hash-concurrency", List.of("GATEHOUSE_HASH_CONCURRENCY"), Kind.PLAIN, null, "cores",
            "password hashes at once (19 MiB each); a login that cannot get a slot within 10 s, or that finds 32 callers per slot already waiting, gets 503 + Retry-After at once, so latency stays bounded under overload"),
    LOGIN_MAX_FAILURES("--login-max-failures", List.of("GATEHOUSE_LOGIN_MAX_FAILURES"), Kind.PLAIN, "10", "",
            "failed password checks (sign-ins, Basic, a password change's `current_password`) of one account from one address per window; then that address gets 429 + Retry-After for that account until the window ends (a success forgives them). An account is the user a login names, by email or username alike. 0 turns the per-account-and-address limit off (and the whole throttle with the two below at 0). See [docs/OPERATIONS.md](docs/OPERATIONS.md#sign-in-throttling)"),
    LOGIN_MAX_FAILURES_PER_ADDRESS("--login-max-failures-per-address", List.of("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS"), Kind.PLAIN, "100", "",
            "failed sign-ins from one address per window, all accounts together (password spraying); 0 for no such limit. Behind a proxy the address is taken from `X-Forwarded-For` when the proxy is in `GATEHOUSE_TRUSTED_PROXIES`"),
    LOGIN_FAILURE_WINDOW("--login-failure-window", List.of("GATEHOUSE_LOGIN_FAILURE_WINDOW"), Kind.PLAIN, "15m", "",
            "the window failures are counted in, 1s..1d. Counters are per instance in memory, shared by all instances with `GATEHOUSE_REDIS_URL`"),
    LOGIN_MAX_FAILURES_PER_ACCOUNT("--login-max-failures-per-account", List.of("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT"), Kind.PLAIN, null, "twice `GATEHOUSE_LOGIN_MAX_FAILURES`",
            "failed sign-ins of one account from all addresses per window (guessing spread over many addresses); past it, attempts on the account are spaced out: 1 s, doubling with each further failure, at most 1 minute, never a lock. Addresses where the account signed in within the last 30 days are not slowed. Must be 0 (no such limit) or more than `GATEHOUSE_LOGIN_MAX_FAILURES`, so one address alone never slows the owner"),
    REGISTRATION_MAX_PER_ADDRESS("--registration-max-per-address", List.of("GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS"), Kind.PLAIN, "20", "",
            "registrations tried from one address (for IPv6, one /64) per hour (`POST /api/v1/users` and `POST /register` together; an admin's in `admin` mode are not counted); then 429 + Retry-After until the hour ends. 0 for no limit"),
    TOKEN_SERVICE_SECRET("--token-service-secret", List.of("TOKEN_SERVICE_SECRET", "GATEHOUSE_TOKEN_SERVICE_SECRET"), Kind.SECRET, null, "random, kept in the store",
            "HS512 key of the token service (`/tokens`), taken as UTF-8 bytes; at least 64 bytes or start-up fails. Unset: 64 random bytes made at first start and kept in the store (new at every start with `STORE=memory`)"),
    INTROSPECTION_SECRET("--introspection-secret", List.of("GATEHOUSE_INTROSPECTION_SECRET"), Kind.SECRET, null, "none",
            "Bearer secret that resource servers (gatehouse-middleware) present to `/api/v1/auth/introspect` to check session cookies; at least 32 bytes. Unset: only admins may introspect"),
    CLIENT_REGISTRATION("--client-registration", List.of("GATEHOUSE_CLIENT_REGISTRATION"), Kind.PLAIN, "off", "",
            "who may register OpenID clients at `POST /register` (RFC 7591 dynamic registration): `off`, `token` (a caller presenting `GATEHOUSE_CLIENT_REGISTRATION_TOKEN` as a Bearer token) or `open` (anyone). Such clients are always third-party, code flow only, standard scopes only. See [docs/OIDC.md](docs/OIDC.md#post-register)"),
    CLIENT_REGISTRATION_TOKEN("--client-registration-token", List.of("GATEHOUSE_CLIENT_REGISTRATION_TOKEN"), Kind.SECRET, null, "none",
            "the initial access token of `GATEHOUSE_CLIENT_REGISTRATION=token`, at least 32 characters"),
    JWT_ALGORITHM("--jwt-algorithm", List.of("JWT_ALGORITHM", "GATEHOUSE_JWT_ALGORITHM"), Kind.PLAIN,
            AccessTokenSettings.DEFAULT_ALGORITHM.jwsName(), "",
            "signing algorithm of access tokens: `HS256`, `HS384`, `HS512`, `RS256`, `RS384`, `RS512`, `PS256`, `ES256`, `ES384`, `EdDSA`"),
    JWT_TTL("--jwt-ttl", List.of("JWT_TTL", "GATEHOUSE_JWT_TTL"), Kind.PLAIN, "15m", "",
            "access token lifetime (seconds, or `30d`, `12h`, `15m`); more than 0"),
    JWT_REFRESH_TTL("--jwt-refresh-ttl", List.of("JWT_REFRESH_TTL", "GATEHOUSE_JWT_REFRESH_TTL"), Kind.PLAIN, "30d", "",
            "refresh token lifetime: how long a sign-in can be kept alive by refreshing; more than 0"),
    JWT_ROTATE_INTERVAL("--jwt-rotate-interval", List.of("JWT_ROTATE_INTERVAL", "GATEHOUSE_JWT_ROTATE_INTERVAL"), Kind.PLAIN, "30d", "",
            "how often generated signing keys rotate; 0 = never. Otherwise longer than `JWT_TTL` and at least 1 minute"),
    JWT_PRIVATE_KEY_FILE("--jwt-private-key-file", List.of("JWT_PRIVATE_KEY_FILE", "GATEHOUSE_JWT_PRIVATE_KEY_FILE"), Kind.PLAIN, null, "",
            "PEM private key to sign with (RSA, EC or Ed25519; asymmetric algorithms only). Unset, with no `JWT_SECRET`: Gatehouse generates keys, keeps them in the store and rotates them"),
    JWT_PUBLIC_KEY_FILE("--jwt-public-key-file", List.of("JWT_PUBLIC_KEY_FILE", "GATEHOUSE_JWT_PUBLIC_KEY_FILE"), Kind.PLAIN, null, "",
            "PEM public key; optional, needs `JWT_PRIVATE_KEY_FILE` and must be its public half"),
    JWT_SECRET("--jwt-secret", List.of("JWT_SECRET", "GATEHOUSE_JWT_SECRET"), Kind.SECRET, null, "",
            "HMAC secret for HS256/384/512 (UTF-8 bytes, at least 32/48/64); not with a key file"),
    PUBLIC_URL("--public-url", List.of("GATEHOUSE_PUBLIC_URL"), Kind.PLAIN, null, "`http://API_HOST:API_PORT`",
            "where clients reach this server, an origin such as `https://auth.example.com` (no path, query or user info); every absolute URL Gatehouse writes is built from it, never from a request's `Host`, and browser sign-ins are expected from it (see [docs/API.md](docs/API.md#cross-site-requests)). Set it whenever a proxy is in front"),
    ISSUER("--issuer", List.of("GATEHOUSE_ISSUER"), Kind.PLAIN, null, "`GATEHOUSE_PUBLIC_URL`",
            "`iss` of access tokens, required exactly when verifying"),
    AUDIENCE("--audience", List.of("GATEHOUSE_AUDIENCE"), Kind.PLAIN, "gatehouse", "",
            "`aud` of access tokens, the only audience the API, `/auth/verify`, introspection and the middleware accept (third-party OpenID clients' tokens have the issuer as theirs, for `/userinfo` only; see [docs/OIDC.md](docs/OIDC.md)); must differ from the issuer"),
    MASTER_KEY("--master-key", List.of("GATEHOUSE_MASTER_KEY"), Kind.SECRET, null, "",
            "base64 of 32 bytes (`openssl rand -base64 32`); encrypts generated private keys in the store (AES-256-GCM). Unset: they are stored in the clear"),
    RULES("--rules", List.of("GATEHOUSE_RULES"), Kind.PLAIN, null, "none: every path needs a signed-in user",
            "the access rules file (YAML) `/auth/verify` applies, reloaded when it changes; format in [docs/RULES.md](docs/RULES.md)"),
    TRUSTED_PROXIES("--trusted-proxies", List.of("GATEHOUSE_TRUSTED_PROXIES"), Kind.PLAIN, ForwardAuthSettings.DEFAULT_TRUSTED_PROXIES, "",
            "addresses and CIDR ranges of the proxies allowed to call `/auth/verify`; their `X-Original-*` / `X-Forwarded-*` headers are believed. Anyone else gets 403. Literal addresses only (no host names)"),
    FORWARD_AUTH_PROXY("--forward-auth-proxy", List.of("GATEHOUSE_FORWARD_AUTH_PROXY"), Kind.PLAIN, ForwardAuthProxy.DEFAULT.wireName(), "",
            "the proxy that calls `/auth/verify`: `nginx`, `traefik` or `caddy`. Only the headers that proxy sets are read (nginx: `X-Original-URI`/`-Method`; Traefik, Caddy: `X-Forwarded-Uri`/`-Method`/`-Host`/`-Proto`); the other kind's, repeated ones and method overrides are refused. See [docs/GATEWAY.md](docs/GATEWAY.md)"),
    LOGIN_URL("--login-url", List.of("GATEHOUSE_LOGIN_URL"), Kind.PLAIN, ForwardAuthSettings.DEFAULT_LOGIN_URL, "",
            "where browsers that must sign in are sent; `return_to=<original URL>` is added"),
    ALLOWED_REDIRECT_HOSTS("--allowed-redirect-hosts", List.of("GATEHOUSE_ALLOWED_REDIRECT_HOSTS"), Kind.PLAIN, null, "none: only paths on this site",
            "comma list of the hosts a `return_to` URL may point at, so that the login page is no open redirect. `app.example.com` allows the scheme's default port only, `app.example.com:8443` that port only, `*.example.com` every subdomain (not example.com itself)"),
    AUTH_HEADER_PREFIX("--auth-header-prefix", List.of("GATEHOUSE_AUTH_HEADER_PREFIX"), Kind.PLAIN, ForwardAuthSettings.DEFAULT_HEADER_PREFIX, "",
            "prefix of the identity headers `/auth/verify` answers with; change the proxy configuration to match");

    /** Whether a setting's value may be shown. */
    public enum Kind {
        /** Shown in problems and help as given. */
        PLAIN,
        /**
         * Never quoted in a problem nor printed: read into a {@code Secret}. Given as a flag it is
         * visible to other users of the machine in the process list, so the help says to prefer the variable.
         */
        SECRET
    }

    private final String flag;
    private final List<String> environmentNames;
    private final Kind kind;
    private final Optional<String> defaultValue;
    private final String defaultNote;
    private final String description;

    Setting(String flag, List<String> environmentNames, Kind kind, String defaultValue, String defaultNote, String description) {
        this.flag = flag;
        this.environmentNames = environmentNames;
        this.kind = kind;
        this.defaultValue = Optional.ofNullable(defaultValue);
        this.defaultNote = Objects.requireNonNull(defaultNote);
        this.description = description;
    }

    /** The command-line flag, for example {@code --port}. */
    public String flag() {
        return flag;
    }

    /** Environment variable names, the first being the one documented. */
    public List<String> environmentNames() {
        return environmentNames;
    }

    /** The documented name and the flag, as problems name a setting: {@code API_PORT (--port)}. */
    public String displayName() {
        return environmentNames.get(0) + " (" + flag + ")";
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** The text read when the setting is not given, when the default is a fixed value. */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    /** The default as the documentation states it (Markdown): the fixed value, or how it is worked out. */
    public String documentedDefault() {
        return defaultValue.map(value -> "`" + value + "`").orElse(defaultNote);
    }

    /** What the setting does, in Markdown. */
    public String description() {
        return description;
    }

    /** The option's text in {@code --help}: the description without Markdown, its variable and its default. */
    public String helpText() {
        String text = plain(description) + " (" + environmentNames.get(0) + ")."
                + (documentedDefault().isEmpty() ? "" : " Default: " + plain(documentedDefault()) + ".")
                + (secret() ? " Prefer the variable: other users of the machine can read a process's arguments." : "");
        // picocli reads descriptions as format strings.
        return text.replace("%", "%%");
    }

    /** The README's settings table: one row per setting, in declaration order. */
    public static String markdownTable() {
        return Stream.of(values()).map(Setting::markdownRow)
                .collect(Collectors.joining("\n", "| variable | flag | default | meaning |\n| --- | --- | --- | --- |\n", "\n"));
    }

    private String markdownRow() {
        return "| `" + environmentNames.get(0) + "` | `" + flag + "` | " + documentedDefault() + " | " + description + " |";
    }

    /** Markdown to plain text: links keep their words, code loses its backticks. */
    private static String plain(String markdown) {
        return markdown.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
    }
}
