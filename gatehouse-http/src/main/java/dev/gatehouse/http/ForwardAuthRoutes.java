package dev.gatehouse.http;

import dev.gatehouse.core.access.AccessDecision;
import dev.gatehouse.core.access.AccessEngine;
import dev.gatehouse.core.access.AccessRequest;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.access.TrustedProxies;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /auth/verify}: the forward-auth endpoint of nginx {@code auth_request}, Traefik
 * {@code ForwardAuth} and Caddy {@code forward_auth}. It never answers 2xx for a non-public
 * rule without valid authentication, whatever the request claims.
 */
final class ForwardAuthRoutes {
    /** nginx cannot follow a 302 from auth_request: the documented config redirects to this header's URL on 401. */
    static final String REDIRECT_HEADER = "X-Auth-Redirect";

    private final HttpParts parts;
    private final Supplier<AccessRules> rules;
    private final TrustedProxies proxies;
    private final ReturnUrls returnUrls;
    private final String loginUrl;
    private final String headerPrefix;

    ForwardAuthRoutes(HttpParts parts, Supplier<AccessRules> rules, TrustedProxies proxies, ReturnUrls returnUrls, String loginUrl,
                      String headerPrefix) {
        this.parts = parts;
        this.rules = rules;
        this.proxies = proxies;
        this.returnUrls = returnUrls;
        this.loginUrl = loginUrl;
        this.headerPrefix = headerPrefix;
    }

    void register(RoutesConfig routes) {
        routes.get("/auth/verify", this::verify);
        routes.head("/auth/verify", this::verify);
    }

    private void verify(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!proxies.trusts(ctx.req().getRemoteAddr())) {
            throw new ApiProblem(403, "untrusted_proxy", "Forbidden", "forward-auth requests are only taken from the configured proxies");
        }
        ForwardedRequest original = ForwardedRequest.from(ctx).orElseThrow(() -> new ApiProblem(403, "missing_original_uri", "Forbidden",
                "the proxy must send X-Original-URI (nginx) or X-Forwarded-Uri (Traefik, Caddy)"));
        Optional<User> caller = caller(ctx);
        AccessDecision decision = AccessEngine.decide(rules.get(), new AccessRequest(original.method(), original.host(), original.uri()), caller);
        switch (decision) {
            case AccessDecision.Allow allow -> allow(ctx, allow.user());
            case AccessDecision.SendSignedIn send -> {
                if (original.browser()) {
                    redirect(ctx, original, send.page());
                } else {
                    allow(ctx, Optional.of(send.user()));
                }
            }
            case AccessDecision.SignInRequired signIn -> {
                if (original.browser()) {
                    redirect(ctx, original, signIn.page().orElseGet(() -> loginPageFor(original)));
                } else {
                    throw parts.challenges().unauthorized("unauthenticated", "authentication is required");
                }
            }
            case AccessDecision.Forbidden forbidden -> throw ApiProblem.forbidden("not allowed by the access rules");
            case AccessDecision.BadPath bad -> throw new ApiProblem(403, "bad_path", "Forbidden", "the path cannot be read unambiguously");
        }
    }

    /**
     * The caller, when the credentials hold; a stale or garbled credential counts as none (a
     * public page must still open). A store that cannot answer is not swallowed: it fails closed.
     */
    private Optional<User> caller(Context ctx) {
        try {
            return parts.guard().optional(ctx).map(AuthResult.Authenticated::user);
        } catch (ApiProblem refused) {
            if (refused.status() == 401) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    private void allow(Context ctx, Optional<User> user) {
        user.ifPresent(u -> {
            ctx.header(headerPrefix + "User-Id", u.id().toString());
            ctx.header(headerPrefix + "User", u.label());
            u.email().ifPresent(e -> ctx.header(headerPrefix + "Email", e));
            ctx.header(headerPrefix + "Roles", u.role().wireName());
        });
        ctx.status(200);
    }

    private String loginPageFor(ForwardedRequest original) {
        Optional<String> back = returnUrls.accept(original.url());
        return back.map(url -> loginUrl + (loginUrl.contains("?") ? "&" : "?") + "return_to=" + URLEncoder.encode(url, StandardCharsets.UTF_8))
                .orElse(loginUrl);
    }

    private void redirect(Context ctx, ForwardedRequest original, String location) {
        if (original.nginx()) {
            // auth_request turns anything but 2xx, 401 and 403 into a 500: carry the target in a header instead.
            ctx.header(REDIRECT_HEADER, location);
            throw parts.challenges().unauthorized("unauthenticated", "sign in at " + location);
        }
        ctx.header("Location", location);
        ctx.status(302);
    }
}
