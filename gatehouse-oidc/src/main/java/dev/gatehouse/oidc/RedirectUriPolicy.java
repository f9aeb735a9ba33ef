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
    private static final Pattern CANONICAL_IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
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
            return webRefusal(parsed, what);
        }
        if (use == UriUse.REDIRECT && type == ClientType.PUBLIC && PRIVATE_USE_SCHEME.matcher(scheme).matches()) {
            if (parsed.isOpaque() || parsed.getRawAuthority() != null || uri.startsWith(scheme + "://")) {
                return Optional.of(what + " with a private-use scheme has the form com.example.app:/path");
            }
            return hasDotSegment(parsed.getRawPath()) ? Optional.of(what + " must not hold dot segments, plain or percent-encoded")
                    : Optional.empty();
        }
        return Optional.of(what + " must be https, http on the loopback interface"
                + (use == UriUse.REDIRECT ? ", or for a public client a private-use scheme like com.example.app:/callback" : ""));
    }

    private static Optional<String> webRefusal(URI parsed, String what) {
        if (parsed.isOpaque() || parsed.getRawAuthority() == null || parsed.getHost() == null) {
            return Optional.of(what + " must name a host");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of(what + " must not hold user information");
        }
        Optional<String> hostRefusal = hostRefusal(parsed.getHost(), what);
        if (hostRefusal.isPresent()) {
            return hostRefusal;
        }
        Optional<String> portRefusal = portRefusal(parsed, what);
        if (portRefusal.isPresent()) {
            return portRefusal;
        }
        if (hasDotSegment(parsed.getRawPath())) {
            return Optional.of(what + " must not hold dot segments, plain or percent-encoded");
        }
        if (parsed.getScheme().equals("http") && !isLoopback(parsed.getHost())) {
            return Optional.of(what + " may use http only on the loopback interface (127.0.0.1, [::1] or localhost)");
        }
        return Optional.empty();
    }

    /**
     * The host as a browser reads it, or refused: lower case, no trailing dot, no zone id, an IP
     * address only in its one canonical form. {@link URI} takes {@code 2130706433},
     * {@code 0x7f000001} or {@code 010.0.0.1} for names, where a browser reads an IPv4 address
     * (the last in octal), so a number-like host is refused unless it is canonical dotted decimal.
     */
    private static Optional<String> hostRefusal(String host, String what) {
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            return Optional.of(what + " must spell its host in lower case");
        }
        if (host.endsWith(".") || host.contains("%")) {
            return Optional.of(what + " must name its host without a trailing dot or a zone id");
        }
        if (host.startsWith("[")) {
            return host.equals("[::1]") ? Optional.empty() : Optional.of(what + " may name an IPv6 address only as [::1]");
        }
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        if (!lastLabel.isEmpty() && Character.isDigit(lastLabel.charAt(0)) && !CANONICAL_IPV4.matcher(host).matches()) {
            return Optional.of(what + " must write an IPv4 address as four decimal numbers without leading zeros");
        }
        return Optional.empty();
    }

    /** No port, or one from 1 to 65535 without leading zeros that is not the scheme's default: one spelling per address. */
    private static Optional<String> portRefusal(URI parsed, String what) {
        String authority = parsed.getRawAuthority();
        int hostEnd = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.indexOf(':') < 0 ? authority.length()
                : authority.indexOf(':');
        if (hostEnd == authority.length()) {
            return Optional.empty();
        }
        String port = authority.substring(hostEnd + 1);
        String defaultPort = parsed.getScheme().equals("https") ? "443" : "80";
        if (authority.charAt(hostEnd) != ':' || !PORT.matcher(port).matches() || Integer.parseInt(port) > 65535 || port.equals(defaultPort)) {
            return Optional.of(what + " must leave out the port or give one from 1 to 65535 other than the scheme's default");
        }
        return Optional.empty();
    }

    /** Dot segments a browser removes, {@code %2e} being a dot to it. */
    private static boolean hasDotSegment(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String path = rawPath.replace("%2e", ".").replace("%2E", ".");
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
    }
}
