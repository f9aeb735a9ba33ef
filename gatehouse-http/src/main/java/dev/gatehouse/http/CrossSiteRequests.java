package dev.gatehouse.http;

import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.problem.ProblemCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses state-changing requests that a page on another site made a browser send: login CSRF
 * (a hidden form signs the victim in to the attacker's account, and what they then type lands
 * there) and CSRF on anything a cookie or a browser-cached Basic password authenticates
 * (logout, password changes, deletions). Checked before any body is read or password hashed.
 *
 * <p>A browser says where a request comes from in three headers, tried in this order:
 * {@code Sec-Fetch-Site} ({@code cross-site} is refused), {@code Origin} (sent with every POST by
 * current browsers; {@code null}, from sandboxed frames, data: URLs and some redirects, is
 * cross-site), and {@code Referer} when there is no Origin (older browsers). The origin must be
 * the public URL's ({@code GATEHOUSE_PUBLIC_URL}) or that of a protected site
 * ({@code GATEHOUSE_ALLOWED_REDIRECT_HOSTS}, where the documented proxy configurations serve
 * {@code /login}). A request with none of the three comes from a client that is not a browser,
 * which no other site can drive, and passes. Safe methods (GET, HEAD, OPTIONS) are not checked.
 *
 * <p>Not checked either: the OpenID endpoints that other sites' apps call by design and that no
 * cookie authorizes on its own. {@code /token} and {@code /userinfo} take a client's credentials or a
 * Bearer token, never the cookie; a cross-site {@code POST /authorize} asks what its GET asks, and
 * codes still need the user's consent, given on a page of this site; {@code POST /logout} from an
 * app signs the user out only with an ID token of that very sign-in, else it asks the user first.
 * The consent and sign-out confirmations stay checked.
 */
final class CrossSiteRequests {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> CROSS_SITE_BY_DESIGN = Set.of(OpenIdTokenRoutes.PATH, OpenIdUserInfoRoutes.PATH,
            OpenIdAuthorizeRoutes.PATH, OpenIdLogoutRoutes.PATH);

    private final PublicUrl publicUrl;
    private final ReturnUrls protectedSites;

    CrossSiteRequests(PublicUrl publicUrl, ReturnUrls protectedSites) {
        this.publicUrl = publicUrl;
        this.protectedSites = protectedSites;
    }

    void register(RoutesConfig routes) {
        routes.before(this::refuseCrossSite);
    }

    void refuseCrossSite(Context ctx) {
        // The method the request was sent with, not the one Javalin reads from an override header.
        if (SAFE_METHODS.contains(ctx.req().getMethod()) || CROSS_SITE_BY_DESIGN.contains(ctx.req().getRequestURI())) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.trim().equalsIgnoreCase("cross-site")) {
            throw refused("the browser says another site sent it");
        }
        List<String> origins = values(ctx, "Origin");
        if (!origins.isEmpty()) {
            if (origins.size() > 1 || !allowed(ctx, origins.getFirst().trim())) {
                throw refused("its Origin is not this server's nor a protected site's");
            }
            return;
        }
        List<String> referers = values(ctx, "Referer");
        if (!referers.isEmpty() && (referers.size() > 1 || !originOf(referers.getFirst().trim()).filter(o -> allowed(ctx, o)).isPresent())) {
            throw refused("its Referer is not on this server nor on a protected site");
        }
    }

    private boolean allowed(Context ctx, String origin) {
        // An Origin is scheme://host[:port]: exactly what a public URL may be, read the same way.
        Optional<PublicUrl> parsed = PublicUrl.parse(origin);
        if (parsed.isEmpty()) {
            return false;
        }
        PublicUrl from = parsed.get();
        PublicUrl own = PublicUrls.of(publicUrl, ctx);
        if (from.sameOrigin(own)) {
            return true;
        }
        if (!own.configured() && own.loopback() && from.loopback() && from.scheme().equals(own.scheme()) && from.port() == own.port()) {
            // The default public URL names the listening address, which a browser on this machine may
            // call localhost or 127.0.0.1; both are pages this very server served.
            return true;
        }
        return protectedSites.accept(from.origin() + "/").isPresent();
    }

    /** The origin of a Referer URL, as the browser would have written it in Origin. */
    private static Optional<String> originOf(String referer) {
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static List<String> values(Context ctx, String header) {
        return Collections.list(ctx.req().getHeaders(header));
    }

    private static ApiProblem refused(String why) {
        return new ApiProblem(ProblemCode.CROSS_SITE_REQUEST,
                "a request that changes anything may not be sent from another site's page: " + why);
    }
}
