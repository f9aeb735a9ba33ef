package dev.gatehouse.http;

import io.javalin.http.Context;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The OpenID provider's pages: the consent page and the page shown for a request that cannot go back to its client. */
final class OpenIdPages {
    private static final String STYLE = """
            <style>
            body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; background: #f4f5f7; }
            main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); width: 22rem; }
            button { margin-top: 1rem; padding: .6rem 1rem; }
            </style>
            """;

    private OpenIdPages() {
    }

    /**
     * The consent page: which app asks for what, where the browser goes back to (an app names
     * itself, and one registered by anyone could take another's name: the address it returns to
     * is what it cannot fake), and two buttons that post the answer with the request's ticket.
     */
    static void consent(Context ctx, String clientName, String returnsTo, Set<String> scopes, String ticket) {
        StringBuilder list = new StringBuilder();
        for (String scope : new TreeSet<>(scopes)) {
            list.append("<li>").append(LoginPage.escape(describe(scope))).append("</li>\n");
        }
        String main = """
                <h1>Allow %s?</h1>
                <p>%s asks to:</p>
                <ul>
                %s</ul>
                <p>Either way, you go back to <strong id="returns-to">%s</strong>.</p>
                <form method="post" action="/authorize/consent">
                <input type="hidden" name="ticket" value="%s">
                <button type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="deny">Deny</button>
                </form>
                """.formatted(LoginPage.escape(clientName), LoginPage.escape(clientName), list, LoginPage.escape(returnsTo),
                LoginPage.escape(ticket));
        page(ctx, 200, document("Allow access", main));
    }

    /** Asks the signed-in user whether to sign out, for an app or a link that could not prove it is of this sign-in. */
    static void confirmSignOut(Context ctx, Optional<String> clientName, String ticket) {
        String main = """
                <h1>Sign out?</h1>
                <p>%s</p>
                <form method="post" action="/logout/confirm">
                <input type="hidden" name="ticket" value="%s">
                <button type="submit" name="decision" value="sign_out">Sign out</button>
                </form>
                """.formatted(clientName.map(name -> LoginPage.escape(name) + " asks to sign you out of every app you signed in to here.")
                .orElse("You will be signed out of every app you signed in to here."), LoginPage.escape(ticket));
        page(ctx, 200, document("Sign out", main));
    }

    /**
     * A sign-out request that reached Gatehouse without the session cookie (posted from an app's
     * site) and proved no sign-in: the link repeats it as a navigation, which carries the cookie.
     */
    static void continueSignOut(Context ctx, String link) {
        String main = """
                <h1>Sign out</h1>
                <p>To sign out of every app you signed in to here, continue.</p>
                <p><a href="%s">Continue</a></p>
                """.formatted(LoginPage.escape(link));
        page(ctx, 200, document("Sign out", main));
    }

    /** Said after signing out when no app asked to have the browser back. */
    static void signedOut(Context ctx) {
        page(ctx, 200, document("Signed out", "<h1>You are signed out</h1>\n"));
    }

    /** A request that cannot be answered at its client: said to the user, never sent anywhere. */
    static void error(Context ctx, String message) {
        String main = """
                <h1>This sign-in request cannot be completed</h1>
                <p>%s</p>
                <p>Go back to the application and try again.</p>
                """.formatted(LoginPage.escape(message));
        page(ctx, 400, document("Sign-in request refused", main));
    }

    private static String document(String title, String main) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                %s</head>
                <body>
                <main>
                %s</main>
                </body>
                </html>
                """.formatted(title, STYLE, main);
    }

    private static String describe(String scope) {
        return switch (scope) {
            case "openid" -> "know who you are";
            case "profile" -> "see your name and username";
            case "email" -> "see your email address";
            case "offline_access" -> "stay signed in when you are away";
            default -> "use \u201c" + scope + "\u201d";
        };
    }

    private static void page(Context ctx, int status, String html) {
        ctx.header("Cache-Control", "no-store");
        // No script runs; the page must not be framed (a framed consent page is clickjacked).
        // No form-action: browsers apply it to the redirect after the form too, and the answer
        // goes on to the client's registered redirect URI.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        ctx.header("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" with the
        // page's own form, which the cross-site check must refuse. Other sites still get no Referer.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }
}
