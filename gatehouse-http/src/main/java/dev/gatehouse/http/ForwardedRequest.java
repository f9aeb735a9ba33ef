package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import io.javalin.http.Context;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request a reverse proxy asks about, read only from the headers that the configured proxy
 * kind ({@code GATEHOUSE_FORWARD_AUTH_PROXY}) sets and overwrites: nginx's {@code X-Original-URI}
 * and {@code X-Original-Method}, or Traefik's and Caddy's {@code X-Forwarded-Uri},
 * {@code -Method}, {@code -Host} and {@code -Proto}. Traefik and Caddy copy the client's own
 * headers into the auth request, so a header of the other set may be the client's invention:
 * reading it would let a client name a public path while asking for a protected one.
 *
 * <p>Refused ({@link Refusal}) rather than guessed at: a required header that is missing, any
 * header read here sent more than once (which copy would the app's proxy have used?), the other
 * kind's URI or method header beside ours (a client-sent copy the proxy did not strip), and a
 * method that is not an HTTP token ({@link ForwardAuthRoutes} refuses method-override headers
 * before routing). Only ever built for a trusted proxy.
 *
 * @param browser true for a page navigation ({@code Accept: text/html}), which is redirected rather than refused
 */
record ForwardedRequest(String method, String scheme, String host, String uri, boolean browser) {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");
    private static final List<String> NGINX_HEADERS = List.of("X-Original-URI", "X-Original-Method");
    private static final List<String> FORWARDED_HEADERS = List.of("X-Forwarded-Uri", "X-Forwarded-Method");

    /** Why a forwarded request cannot be judged: {@code code} names it in the problem answer. */
    static final class Refusal extends Exception {
        private final ProblemCode code;

        Refusal(ProblemCode code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }

        ProblemCode code() {
            return code;
        }
    }

    static ForwardedRequest read(Context ctx, ForwardAuthProxy proxy) throws Refusal {
        boolean nginx = proxy == ForwardAuthProxy.NGINX;
        List<String> ours = nginx ? NGINX_HEADERS : FORWARDED_HEADERS;
        for (String other : nginx ? FORWARDED_HEADERS : NGINX_HEADERS) {
            if (ctx.req().getHeaders(other).hasMoreElements()) {
                throw new Refusal(ProblemCode.BAD_FORWARDED_REQUEST, other + " is not set by " + proxy.wireName()
                        + " (GATEHOUSE_FORWARD_AUTH_PROXY): a copy sent by the client must be removed by the proxy");
            }
        }
        String uri = single(ctx, ours.get(0)).orElseThrow(() -> new Refusal(ProblemCode.MISSING_ORIGINAL_URI,
                "the proxy must send " + ours.get(0) + " (GATEHOUSE_FORWARD_AUTH_PROXY is " + proxy.wireName() + ")"));
        String method = single(ctx, ours.get(1)).orElseThrow(() -> missing(ours.get(1), proxy));
        if (!TOKEN.matcher(method).matches()) {
            throw new Refusal(ProblemCode.BAD_FORWARDED_REQUEST, ours.get(1) + " is not an HTTP method");
        }
        Optional<String> forwardedHost = single(ctx, "X-Forwarded-Host");
        Optional<String> forwardedProto = single(ctx, "X-Forwarded-Proto");
        if (!nginx && (forwardedHost.isEmpty() || forwardedProto.isEmpty())) {
            throw missing(forwardedHost.isEmpty() ? "X-Forwarded-Host" : "X-Forwarded-Proto", proxy);
        }
        String host = forwardedHost.isPresent() ? forwardedHost.get() : single(ctx, "Host").orElse("");
        String accept = ctx.header("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        return new ForwardedRequest(method, forwardedProto.orElse("http"), host, uri, browser);
    }

    /** The original URL, for the login page to return to. */
    String url() {
        return scheme + "://" + host + uri;
    }

    private static Refusal missing(String header, ForwardAuthProxy proxy) {
        return new Refusal(ProblemCode.BAD_FORWARDED_REQUEST, "the proxy must send " + header + " (GATEHOUSE_FORWARD_AUTH_PROXY is " + proxy.wireName() + ")");
    }

    /** The header's one value, trimmed; empty when absent or blank; refused when sent more than once. */
    private static Optional<String> single(Context ctx, String name) throws Refusal {
        List<String> values = Collections.list(ctx.req().getHeaders(name));
        if (values.size() > 1) {
            throw new Refusal(ProblemCode.BAD_FORWARDED_REQUEST, name + " was sent " + values.size() + " times");
        }
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).findFirst();
    }
}
