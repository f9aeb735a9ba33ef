package dev.gatehouse.http;

import dev.gatehouse.core.session.StartedSession;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;

/**
 * Writes and clears the session cookie: HttpOnly (no script can read it), SameSite=Lax (not
 * sent on cross-site POSTs, which stops CSRF on state-changing endpoints), Path=/, and Secure
 * when configured. Built by hand because the value is base64url and the attributes are fixed.
 */
final class SessionCookies {
    private final String name;
    private final boolean secure;

    SessionCookies(String name, boolean secure) {
        this.name = name;
        this.secure = secure;
    }

    String name() {
        return name;
    }

    void write(Context ctx, StartedSession started, Instant now) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(started.token()).append("; Path=/; HttpOnly; SameSite=Lax");
        started.session().absoluteExpiry().ifPresent(end -> cookie.append("; Max-Age=").append(Math.max(0, Duration.between(now, end).toSeconds())));
        if (secure) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }
}
