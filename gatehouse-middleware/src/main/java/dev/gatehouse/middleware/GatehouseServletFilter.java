package dev.gatehouse.middleware;

import dev.gatehouse.core.problem.ProblemCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Guards a Servlet app with a {@link GatehouseGuard}: lets the request through with the
 * {@link Identity} in the request attribute {@value GatehouseGuard#IDENTITY_ATTRIBUTE} (see
 * {@link #identity(HttpServletRequest)}), or answers 400 / 401 / 403 / 302 / 503 itself.
 *
 * <p>Register it first (or right after a filter that only sets the request's character encoding,
 * so that it reads a form as the app will), for every dispatch of type {@code REQUEST}, on
 * {@code /*}, and make sure the container's WebSocket upgrade does not run before it
 * (docs/GATEWAY.md shows how for Jetty, Tomcat and Spring Boot): a filter that never sees the
 * upgrade request guards no WebSocket. On Jetty 12 the Jakarta WebSocket initializer puts its
 * {@code WebSocketUpgradeFilter} ahead of every filter unless one is already declared under its
 * default name, so declare that filter yourself, after this one; on Tomcat map this filter with
 * {@code isMatchAfter} false, ahead of Tomcat's {@code WsFilter}.
 *
 * <p>Rules name paths inside the app: deployed under the context path {@code /app},
 * {@code /admin/**} guards {@code /app/admin/x}.
 */
public final class GatehouseServletFilter implements Filter {
    private final GatehouseGuard guard;

    /**
     * A filter that runs {@code guard} on every request it sees.
     *
     * @param guard decides on each request
     */
    public GatehouseServletFilter(GatehouseGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * The signed-in caller, or empty on a public path reached without (valid) credentials.
     *
     * @param request a request the filter let through
     * @return the identity the guard put on it
     */
    public static Optional<Identity> identity(HttpServletRequest request) {
        return request.getAttribute(GatehouseGuard.IDENTITY_ATTRIBUTE) instanceof Identity identity ? Optional.of(identity) : Optional.empty();
    }

    /**
     * Lets the request on down the chain with its identity, or answers it and stops there. An
     * identity attribute already on the request is removed first, so that the app never reads one
     * the guard did not put there.
     *
     * @param req the request; an HTTP one
     * @param res the response; an HTTP one
     * @param chain the rest of the filters and the app
     * @throws IOException when the answer cannot be written, or from the chain
     * @throws ServletException when the request is not an HTTP one, or from the chain
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("GatehouseServletFilter guards HTTP requests only");
        }
        GuardOutcome outcome = judge(request);
        if (outcome instanceof GuardOutcome.Proceed proceed) {
            request.removeAttribute(GatehouseGuard.IDENTITY_ATTRIBUTE);
            proceed.identity().ifPresent(identity -> request.setAttribute(GatehouseGuard.IDENTITY_ATTRIBUTE, identity));
            chain.doFilter(request, response);
            return;
        }
        Answers.Refusal refusal = Answers.refusal(outcome, Answers.browser(Optional.ofNullable(request.getHeader("Accept")))).orElseThrow();
        response.setStatus(refusal.status());
        refusal.headers().forEach(response::setHeader);
        if (refusal.contentType().isPresent()) {
            response.setContentType(refusal.contentType().get());
            byte[] bytes = refusal.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    /**
     * The request as the container routes it: the raw request URI without the context path
     * (rules name paths inside the app, so {@code /admin/**} guards {@code /app/admin/x} of an app
     * deployed at {@code /app}), cross-checked against the container's own decoded reading, its
     * servlet path and path info. A container that reads the path differently (Jetty's
     * {@code UriCompliance.LEGACY} resolving {@code //..}, a URI charset other than UTF-8) or
     * refuses to read it (Jetty's ambiguous-URI check) has the request refused. The context path
     * is the one the app is deployed at, not the request's spelling of it: Tomcat reports the
     * latter ({@code /%61pp}, {@code /app;jsessionid=..}, {@code /x/../app}), which would
     * otherwise be let through and copied into a signed-out browser's {@code return_to}.
     */
    private GuardOutcome judge(HttpServletRequest request) {
        Optional<String> routed;
        try {
            routed = Optional.of(Objects.toString(request.getServletPath(), "") + Objects.toString(request.getPathInfo(), ""));
        } catch (IllegalArgumentException ambiguous) {
            return new GuardOutcome.BadRequest(ProblemCode.BAD_PATH, "the path cannot be read unambiguously");
        }
        String host = Optional.ofNullable(request.getHeader("Host")).orElse("");
        return GuardedRequest.inContext(request.getMethod(), host, request.getServletContext().getContextPath(), request.getRequestURI(), request.getQueryString(), routed)
                .map(target -> guard.check(view(request), target))
                .orElse(GuardedRequest.OUTSIDE_CONTEXT);
    }

    private static RequestView view(HttpServletRequest request) {
        return new RequestView() {
            @Override
            public Optional<String> header(String name) {
                return Optional.ofNullable(request.getHeader(name));
            }

            @Override
            public List<String> headers(String name) {
                Enumeration<String> values = request.getHeaders(name);
                return values == null ? List.of() : Collections.list(values);
            }

            @Override
            public Optional<String> cookie(String name) {
                return cookies(name).stream().findFirst();
            }

            @Override
            public List<String> cookies(String name) {
                Cookie[] cookies = request.getCookies();
                return cookies == null ? List.of()
                        : Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue).toList();
            }

            @Override
            public Optional<String> queryParam(String name) {
                // Not getParameter: it would read the body too (see QueryParameters).
                return QueryParameters.first(request.getQueryString(), name);
            }

            @Override
            public Optional<String> formParam(String name) {
                return Optional.ofNullable(request.getParameter(name));
            }
        };
    }
}
