package dev.gatehouse.http;

import dev.gatehouse.core.access.AccessDecision;
import dev.gatehouse.core.access.AccessEngine;
import dev.gatehouse.core.access.AccessRequest;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.access.TrustedProxies;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.problem.ProblemCode;
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
 *
 * <p>A request that cannot be judged (an ambiguous path, a missing, repeated or conflicting
 * forwarded header, a method-override header) is refused with 400, or with 403 when the proxy is
 * nginx: {@code auth_request} turns any answer but 2xx, 401 and 403 into a 500.
 */
final class ForwardAuthRoutes {
    static final String PATH = "/auth/verify";

    /** nginx cannot follow a 302 from auth_request: the documented config redirects to this header's URL on 401. */
    static final String REDIRECT_HEADER = "X-Auth-Redirect";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final HttpParts parts;
    private final Supplier<AccessRules> rules;
    private final TrustedProxies proxies;
    private final ReturnUrls returnUrls;
    private final String loginUrl;
    private final String headerPrefix;
    private final ForwardAuthProxy proxy;

    ForwardAuthRoutes(HttpParts parts, Supplier<AccessRules> rules, TrustedProxies proxies, ReturnUrls returnUrls, String loginUrl,
                      String headerPrefix, ForwardAuthProxy proxy) {
        this.parts = parts;
        this.rules = rules;
        this.proxies = proxies;
        this.returnUrls = returnUrls;
        this.loginUrl = loginUrl;
        this.headerPrefix = headerPrefix;
        this.proxy = proxy;
    }

    void register(RoutesConfig routes) {
        // Javalin routes by X-HTTP-Method-Override: refused before routing, in the proxy's terms.
        routes.before(PATH, this::refuseMethodOverride);
        routes.get(PATH, this::verify);
        routes.head(PATH, this::verify);
    }

    /** An app with method-override middleware would run another method than the one judged. */
    private void refuseMethodOverride(Context ctx) {
        RequestMethods.override(ctx).ifPresent(header -> {
            ctx.header("Cache-Control", "no-store");
            throw refused(ProblemCode.BAD_FORWARDED_REQUEST, header + " is not accepted: the app could run another method than the one judged");
        });
    }

    private void verify(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!proxies.trusts(ctx.req().getRemoteAddr())) {
            throw new ApiProblem(ProblemCode.UNTRUSTED_PROXY, "forward-auth requests are only taken from the configured proxies");
        }
        ForwardedRequest original;
        try {
            original = ForwardedRequest.read(ctx, proxy);
        } catch (ForwardedRequest.Refusal refusal) {
            throw refused(refusal.code(), refusal.getMessage());
        }
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
                    throw parts.challenges().unauthorized(ProblemCode.UNAUTHENTICATED, "authentication is required");
                }
            }
            case AccessDecision.Forbidden forbidden -> throw ApiProblem.forbidden("not allowed by the access rules");
            case AccessDecision.BadPath bad -> throw refused(ProblemCode.BAD_PATH, "the path cannot be read unambiguously: " + bad.reason());
        }
    }

    /** 400, or 403 for nginx, whose {@code auth_request} would turn a 400 into a 500. */
    private ApiProblem refused(ProblemCode code, String detail) {
        ApiProblem problem = new ApiProblem(code, detail);
        return proxy == ForwardAuthProxy.NGINX ? problem.withStatus(403) : problem;
    }

    /**
     * The caller, when the credentials hold; a stale or garbled credential counts as none (a
     * public page must still open). A store that cannot answer is not swallowed: it fails closed.
     * A first-party app's access token for a user counts as that user (a third-party app's does not
     * verify here: its audience is Gatehouse itself). A client's own token ({@code client_credentials})
     * holds no user's rights: the rules judge users, so it counts as no caller and opens only public paths.
     * Throttled credentials (429) are refused with 403 to nginx, whose {@code auth_request} would
     * turn a 429 into a 500.
     */
    private Optional<User> caller(Context ctx) {
        try {
            return parts.guard().anyCaller(ctx).flatMap(caller -> caller instanceof AuthResult.Authenticated user
                    ? Optional.of(user.user()) : Optional.empty());
        } catch (ApiProblem refused) {
            if (refused.status() == 401) {
                return Optional.empty();
            }
            if (refused.status() == 429 && proxy == ForwardAuthProxy.NGINX) {
                throw refused.withStatus(403);
            }
            throw refused;
        }
    }

    private void allow(Context ctx, Optional<User> user) {
        identity(ctx, "User-Id", user.map(u -> u.id().toString()));
        identity(ctx, "User", user.map(User::label));
        identity(ctx, "Email", user.flatMap(User::email));
        identity(ctx, "Roles", user.map(u -> u.role().wireName()));
        ctx.status(200);
    }

    /**
     * One identity header, when there is a value. To Caddy an absent one is sent empty: Caddy
     * before 2.10 copies a header the answer lacks as the literal text of its placeholder
     * ({@code {http.reverse_proxy.header.X-Auth-User}}), which an app would take for a user name.
     */
    private void identity(Context ctx, String name, Optional<String> value) {
        if (value.isPresent()) {
            ctx.header(headerPrefix + name, headerValue(value.get()));
        } else if (proxy == ForwardAuthProxy.CADDY) {
            ctx.header(headerPrefix + name, "");
        }
    }

    /**
     * The value as printable ASCII: every other character, and {@code %} itself, percent-encoded as
     * UTF-8. A header is bytes; Jetty wrote a character beyond Latin-1 as a space, so the email
     * {@code \u03C9root@example.org} reached the app as {@code root@example.org} once trimmed. Encoding
     * {@code %} too keeps the mapping one-to-one: no two accounts share a header value.
     */
    static String headerValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (b > ' ' && b < 0x7f && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private String loginPageFor(ForwardedRequest original) {
        Optional<String> back = returnUrls.accept(original.url());
        return back.map(url -> loginUrl + (loginUrl.contains("?") ? "&" : "?") + "return_to=" + URLEncoder.encode(url, StandardCharsets.UTF_8))
                .orElse(loginUrl);
    }

    private void redirect(Context ctx, ForwardedRequest original, String location) {
        if (proxy == ForwardAuthProxy.NGINX) {
            // auth_request turns anything but 2xx, 401 and 403 into a 500: carry the target in a header instead.
            ctx.header(REDIRECT_HEADER, location);
            throw parts.challenges().unauthorized(ProblemCode.UNAUTHENTICATED, "sign in at " + location);
        }
        ctx.header("Location", location);
        ctx.status(302);
    }
}
