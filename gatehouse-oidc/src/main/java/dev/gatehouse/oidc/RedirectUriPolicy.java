package dev.gatehouse.oidc;

import dev.gatehouse.core.client.ClientType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which URIs a client may register. A registered URI is later compared exactly, character for
 * character, so the rules here only decide what may be registered at all:
 * <ul>
 * <li>an absolute URI of printable ASCII with no fragment and no user information, written as
 * {@link URI} reads it back: anything a browser, a proxy or a client library could read two ways is
 * refused, never normalised;</li>
 * <li>{@code https} with a host, the rule for web applications (RFC 9700 section 2.1);</li>
 * <li>{@code http} only on the loopback interface ({@code 127.0.0.1}, {@code [::1]},
 * {@code localhost}), where native applications listen (RFC 8252 section 7.3) and developers run
 * their apps;</li>
 * <li>a private-use scheme in reverse-domain form ({@code com.example.app:/callback}, RFC 8252
 * section 7.1) only for a public client's redirect URIs: a native app's;</li>
 * <li>nothing else: no {@code javascript:}, {@code data:} or {@code file:}, no wildcard.</li>
 * </ul>
 * A back-channel logout URI is called by the server itself, so it must be {@code https}, or
 * {@code http} on the loopback interface.
 */
public final class RedirectUriPolicy {
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,2000}");
    /** Reverse-domain form: at least two dot-separated labels, as RFC 8252 section 7.1 asks. */
    private static final Pattern PRIVATE_USE_SCHEME = Pattern.compile("[a-z][a-z0-9+-]*(\\.[a-z0-9+-]+)+");

    private RedirectUriPolicy() {
    }

    /**
     * Why {@code uri} may not be registered for {@code use} by a client of {@code type}.
     *
     * @param uri the URI as the operator gave it
     * @param use what it is registered for
     * @param type the client's type
     * @return the reason it is refused, or empty when it may be registered
     */
    public static Optional<String> refusal(String uri, UriUse use, ClientType type) {
        String what = "a " + use.label();
        if (uri == null || !PRINTABLE_ASCII.matcher(uri).matches()) {
            return Optional.of(what + " is 1 to 2000 printable ASCII characters, with no space");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of(what + " must be a valid URI: " + e.getReason());
        }
        if (!parsed.isAbsolute()) {
            return Optional.of(what + " must be absolute");
        }
        if (parsed.getRawFragment() != null || uri.contains("#")) {
            return Optional.of(what + " must not have a fragment");
        }
        String scheme = parsed.getScheme();
        if (!scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
            return Optional.of(what + " must spell its scheme in lower case");
        }
        if (scheme.equals("https") || scheme.equals("http")) {
            return webRefusal(uri, parsed, what);
        }
        if (use == UriUse.REDIRECT && type == ClientType.PUBLIC && PRIVATE_USE_SCHEME.matcher(scheme).matches()) {
            if (parsed.isOpaque() || parsed.getRawAuthority() != null) {
                return Optional.of(what + " with a private-use scheme has the form com.example.app:/path");
            }
            return Optional.empty();
        }
        return Optional.of(what + " must be https, http on the loopback interface"
                + (use == UriUse.REDIRECT ? ", or for a public client a private-use scheme like com.example.app:/callback" : ""));
    }

    private static Optional<String> webRefusal(String uri, URI parsed, String what) {
        if (parsed.isOpaque() || parsed.getRawAuthority() == null || parsed.getHost() == null) {
            return Optional.of(what + " must name a host");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of(what + " must not hold user information");
        }
        // The host as written, in lower case, or a browser and this server could disagree on where it points.
        String host = parsed.getHost();
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            return Optional.of(what + " must spell its host in lower case");
        }
        if (parsed.getRawPath() != null && (parsed.getRawPath().contains("/./") || parsed.getRawPath().contains("/../")
                || parsed.getRawPath().endsWith("/.") || parsed.getRawPath().endsWith("/.."))) {
            return Optional.of(what + " must not hold dot segments");
        }
        if (parsed.getScheme().equals("http") && !isLoopback(host)) {
            return Optional.of(what + " may use http only on the loopback interface (127.0.0.1, [::1] or localhost)");
        }
        if (!parsed.toString().equals(uri)) {
            return Optional.of(what + " must be written as it is read back");
        }
        return Optional.empty();
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
    }
}
