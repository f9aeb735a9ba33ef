package dev.gatehouse.middleware;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The methods a request may be run as once an app's method-override support has rewritten it:
 * Spring's {@code HiddenHttpMethodFilter} ({@code _method} in a form or the query), Express's
 * {@code method-override}, Rails' {@code Rack::MethodOverride}, and the {@code X-HTTP-Method-Override}
 * family of headers. The guard may run before such a filter (Spring Boot orders its own early), so a
 * request is judged under every method it may become, and a value that is not a method is refused.
 */
final class MethodOverrides {
    /** Header spellings used by common frameworks and API gateways. */
    static final List<String> HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    /** The form and query parameter of Spring, Rails and Laravel. */
    static final String PARAMETER = "_method";
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,20}");

    private MethodOverrides() {
    }

    /**
     * What the request asks to be run as.
     *
     * @param readForm read {@code _method} from the body of a form POST too (as Spring does)
     */
    static Set<String> requested(RequestView request, String method, boolean readForm) throws NotAMethod {
        Set<String> methods = new LinkedHashSet<>();
        for (String header : HEADERS) {
            add(methods, request.header(header));
        }
        add(methods, request.queryParam(PARAMETER));
        if (readForm && method.equalsIgnoreCase("POST") && request.header("Content-Type").map(MethodOverrides::isForm).orElse(false)) {
            add(methods, request.formParam(PARAMETER));
        }
        return methods;
    }

    /**
     * The bodies a framework reads {@code _method} from: URL-encoded forms, and multipart forms
     * (Spring's HiddenHttpMethodFilter asks {@code getParameter}, which includes multipart fields
     * once the container has parsed them).
     */
    private static boolean isForm(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).strip();
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private static void add(Set<String> methods, Optional<String> value) throws NotAMethod {
        if (value.isEmpty()) {
            return;
        }
        String trimmed = value.get().strip();
        if (!METHOD.matcher(trimmed).matches()) {
            throw new NotAMethod();
        }
        methods.add(trimmed.toUpperCase(Locale.ROOT));
    }

    /** A method override whose value is not a method name. */
    static final class NotAMethod extends Exception {
        NotAMethod() {
            super("method override that is not a method", null, false, false);
        }
    }
}
