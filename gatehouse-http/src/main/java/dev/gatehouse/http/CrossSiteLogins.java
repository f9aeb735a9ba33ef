package dev.gatehouse.http;

import io.javalin.http.Context;

/**
 * Refuses sign-ins that another site's page submitted (login CSRF: a hidden form signs the
 * victim in to the attacker's account, and what they then type or upload lands there). The
 * browser says where a request comes from in {@code Sec-Fetch-Site} (Fetch Metadata; every
 * current browser sends it); {@code cross-site} is refused before any password is hashed.
 * {@code same-site} stays allowed, so an app on a sibling subdomain may post to Gatehouse's
 * login. Clients that are not browsers send no such header and are not affected.
 */
final class CrossSiteLogins {
    private CrossSiteLogins() {
    }

    static void refuse(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.trim().equalsIgnoreCase("cross-site")) {
            throw new ApiProblem(403, "cross_site_request", "Forbidden", "a sign-in may not be submitted from another site");
        }
    }
}
