package dev.gatehouse.middleware;

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
import java.util.Objects;
import java.util.Optional;

/**
 * Guards a Servlet app with a {@link GatehouseGuard}: lets the request through with the
 * {@link Identity} in the request attribute {@value GatehouseGuard#IDENTITY_ATTRIBUTE} (see
 * {@link #identity(HttpServletRequest)}), or answers 401 / 403 / 302 itself.
 */
public final class GatehouseServletFilter implements Filter {
    private final GatehouseGuard guard;

    public GatehouseServletFilter(GatehouseGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** The signed-in caller, or empty on a public path reached without (valid) credentials. */
    public static Optional<Identity> identity(HttpServletRequest request) {
        return request.getAttribute(GatehouseGuard.IDENTITY_ATTRIBUTE) instanceof Identity identity ? Optional.of(identity) : Optional.empty();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("GatehouseServletFilter guards HTTP requests only");
        }
        String query = request.getQueryString();
        String path = request.getRequestURI() + (query == null ? "" : "?" + query);
        String host = Optional.ofNullable(request.getHeader("Host")).orElse("");
        switch (guard.check(view(request), request.getMethod(), host, path)) {
            case GuardOutcome.Proceed proceed -> {
                request.removeAttribute(GatehouseGuard.IDENTITY_ATTRIBUTE);
                proceed.identity().ifPresent(identity -> request.setAttribute(GatehouseGuard.IDENTITY_ATTRIBUTE, identity));
                chain.doFilter(request, response);
            }
            case GuardOutcome.Unauthorized unauthorized -> {
                response.setHeader("WWW-Authenticate", Answers.challenge(unauthorized));
                write(response, 401, Answers.unauthorizedBody(unauthorized));
            }
            case GuardOutcome.Forbidden forbidden -> write(response, 403, Answers.forbiddenBody());
            case GuardOutcome.Unavailable unavailable -> {
                response.setHeader("Retry-After", Answers.RETRY_AFTER);
                write(response, 503, Answers.unavailableBody());
            }
            case GuardOutcome.Redirect redirect -> {
                response.setHeader("Cache-Control", "no-store");
                response.setHeader("Location", redirect.location());
                response.setStatus(302);
            }
        }
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Answers.PROBLEM_JSON);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static RequestView view(HttpServletRequest request) {
        return new RequestView() {
            @Override
            public Optional<String> header(String name) {
                return Optional.ofNullable(request.getHeader(name));
            }

            @Override
            public Optional<String> cookie(String name) {
                Cookie[] cookies = request.getCookies();
                return cookies == null ? Optional.empty()
                        : Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue).findFirst();
            }

            @Override
            public Optional<String> queryParam(String name) {
                return Optional.ofNullable(request.getParameter(name));
            }
        };
    }
}
