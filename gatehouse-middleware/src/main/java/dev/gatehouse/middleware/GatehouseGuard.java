package dev.gatehouse.middleware;

import dev.gatehouse.core.access.AccessDecision;
import dev.gatehouse.core.access.AccessEngine;
import dev.gatehouse.core.access.AccessRequest;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.keys.VerificationKeys;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenClaims;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.user.User;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The logic the Javalin plugin and the Servlet filter share: read the token, verify it locally
 * against the server's keys, identify the caller, and apply the access rules. Thread-safe.
 *
 * <p>A token that does not verify counts as none, so public paths stay open to a caller with a
 * stale token; on a protected path the answer is 401 with {@code error="invalid_token"}.
 */
public final class GatehouseGuard {
    /** The request attribute the identity is put in. */
    public static final String IDENTITY_ATTRIBUTE = "gatehouse.identity";

    private final AccessTokenVerifier verifier;
    private final AccessRules rules;
    private final TokenGetter tokenGetter;
    private final Identifier identifier;
    private final Optional<String> loginUrl;

    private GatehouseGuard(Builder b) {
        this.verifier = new AccessTokenVerifier(new AccessTokenSettings(b.issuer, b.audience, b.ttl), b.keys, b.clock);
        this.rules = b.rules;
        this.tokenGetter = b.tokenGetter;
        this.identifier = b.identifier;
        this.loginUrl = b.loginUrl;
    }

    /**
     * @param issuer the server's {@code GATEHOUSE_ISSUER}, required exactly in {@code iss}
     * @param keys   where the verifying keys come from, usually {@link JwksKeys}
     */
    public static Builder builder(String issuer, VerificationKeys keys) {
        return new Builder(issuer, keys);
    }

    /** A guard fetching keys from {@code jwks} with {@link JwksKeys}' defaults. */
    public static Builder builder(String issuer, URI jwks) {
        return new Builder(issuer, new JwksKeys(jwks, Clock.systemUTC()));
    }

    /**
     * Decides on a request.
     *
     * @param path the raw path as received (percent-encoded), with the query if any
     * @throws dev.gatehouse.core.token.TokenProcessingException when verifying failed on our side (answer 500)
     */
    public GuardOutcome check(RequestView request, String method, String host, String path) {
        Optional<String> token = tokenGetter.token(request);
        Optional<Identity> identity = Optional.empty();
        boolean invalid = false;
        Optional<AccessTokenClaims> claims = Optional.empty();
        if (token.isPresent()) {
            switch (verifier.verify(token.get())) {
                case AccessTokenCheck.Valid valid -> {
                    claims = Optional.of(valid.claims());
                    identity = identifier.identify(valid.claims());
                    invalid = identity.isEmpty();
                }
                case AccessTokenCheck.Invalid refused -> invalid = true;
            }
        }
        Optional<User> caller = identity.isPresent() ? claims.map(GatehouseGuard::toUser) : Optional.empty();
        boolean browser = request.header("Accept").map(a -> a.contains("text/html")).orElse(false);
        AccessDecision decision = AccessEngine.decide(rules, new AccessRequest(method, host == null ? "" : host, path), caller);
        return switch (decision) {
            case AccessDecision.Allow allow -> new GuardOutcome.Proceed(identity);
            case AccessDecision.SendSignedIn send -> browser ? new GuardOutcome.Redirect(send.page()) : new GuardOutcome.Proceed(identity);
            case AccessDecision.SignInRequired signIn -> {
                Optional<String> page = signIn.page().or(() -> loginUrl.map(login -> withReturnTo(login, path)));
                yield browser && page.isPresent() ? new GuardOutcome.Redirect(page.get()) : new GuardOutcome.Unauthorized(invalid);
            }
            case AccessDecision.Forbidden forbidden -> new GuardOutcome.Forbidden(identity);
            case AccessDecision.BadPath bad -> new GuardOutcome.Forbidden(Optional.empty());
        };
    }

    /** The rules engine judges users; a token holds enough of one for it (id, names, role). */
    private static User toUser(AccessTokenClaims claims) {
        Optional<String> username = claims.username().or(() -> Optional.of(claims.subject().toString()));
        return new User(claims.subject(), Optional.empty(), username, Optional.empty(), Optional.empty(), claims.name(),
                claims.role(), "n/a", claims.issuedAt(), claims.issuedAt());
    }

    private static String withReturnTo(String login, String path) {
        return login + (login.contains("?") ? "&" : "?") + "return_to=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    public static final class Builder {
        private final String issuer;
        private final VerificationKeys keys;
        private String audience = "gatehouse";
        private Duration ttl = AccessTokenSettings.DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();
        private AccessRules rules = AccessRules.authenticatedByDefault();
        private TokenGetter tokenGetter = TokenGetter.bearer();
        private Identifier identifier = Identifier.standard();
        private Optional<String> loginUrl = Optional.empty();

        private Builder(String issuer, VerificationKeys keys) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** The server's {@code GATEHOUSE_AUDIENCE}; default {@code gatehouse}. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** The server's {@code JWT_TTL}; used only to check the settings, tokens carry their own exp. */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** The clock exp, nbf and iat are judged by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The access rules; default: every path needs a signed-in caller. */
        public Builder rules(AccessRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public Builder tokenGetter(TokenGetter tokenGetter) {
            this.tokenGetter = Objects.requireNonNull(tokenGetter, "tokenGetter");
            return this;
        }

        public Builder identifier(Identifier identifier) {
            this.identifier = Objects.requireNonNull(identifier, "identifier");
            return this;
        }

        /**
         * Where a signed-out browser is sent when the rule names no page, with {@code return_to};
         * without one, browsers get 401 like API calls.
         */
        public Builder loginUrl(String loginUrl) {
            this.loginUrl = Optional.of(loginUrl);
            return this;
        }

        public GatehouseGuard build() {
            return new GatehouseGuard(this);
        }
    }
}
