package dev.gatehouse.core.access;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a return URL (where to go after signing in) may be followed, so that the
 * login page is never an open redirect: a link to Gatehouse that sends a freshly signed-in
 * user on to a look-alike site is a phishing kit.
 *
 * <p>Accepted: a path on this site ({@code /x}, not {@code //x} or {@code /\x}, which browsers
 * read as another host), and an absolute {@code http}/{@code https} URL whose host is in
 * {@code GATEHOUSE_ALLOWED_REDIRECT_HOSTS}. Everything else is refused rather than repaired:
 * other schemes ({@code javascript:}, {@code data:}), user info ({@code https://allowed@evil}),
 * backslashes, whitespace and control characters (browsers strip some of them, turning
 * {@code /\t/evil} into {@code //evil}), and URLs over {@value #MAX_LENGTH} characters.
 *
 * <p>Hosts are compared in their ASCII form ({@link IDN#toASCII}, lower-cased), as a browser
 * resolves them, so full-width letters and other Unicode spellings cannot pass for an allowed
 * name. An allowed entry without a port allows only the scheme's default port; with a port,
 * only that port. {@code *.example.com} allows every subdomain of example.com, at any depth,
 * but not example.com itself.
 */
public final class ReturnUrls {
    /** Longer return URLs are refused: no real link is this long, and a long one hides what it leads to. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern ASCII_HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");

    private final List<AllowedHost> allowed;

    private ReturnUrls(List<AllowedHost> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * The return URLs allowed to go to paths on this site and to the listed hosts.
     *
     * @param allowedHosts host names, each optionally with {@code :port}, optionally
     *     {@code *.} in front for subdomains; may be empty (then only paths on this site pass)
     * @return the decider
     * @throws IllegalArgumentException naming a malformed entry
     */
    public static ReturnUrls of(Set<String> allowedHosts) {
        List<AllowedHost> hosts = new ArrayList<>();
        for (String entry : allowedHosts) {
            hosts.add(AllowedHost.parse(entry));
        }
        return new ReturnUrls(hosts);
    }

    /**
     * Reads {@code GATEHOUSE_ALLOWED_REDIRECT_HOSTS}: a comma list; blank or null means none.
     *
     * @param commaList allowed hosts as {@link #of} reads them, separated by commas
     * @return the decider
     * @throws IllegalArgumentException naming a malformed entry
     */
    public static ReturnUrls parse(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return of(Set.of());
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : commaList.split(",", -1)) {
            entries.add(entry.strip());
        }
        return of(entries);
    }

    /**
     * The URL to redirect to, unchanged, or empty when it must not be followed.
     *
     * @param returnUrl the URL as received; may be null
     * @return the same URL when it may be followed, else empty
     */
    public Optional<String> accept(String returnUrl) {
        if (returnUrl == null || returnUrl.isEmpty() || returnUrl.length() > MAX_LENGTH || !plainCharacters(returnUrl)) {
            return Optional.empty();
        }
        if (returnUrl.startsWith("/")) {
            return returnUrl.startsWith("//") ? Optional.empty() : Optional.of(returnUrl);
        }
        return absoluteAllowed(returnUrl) ? Optional.of(returnUrl) : Optional.empty();
    }

    private static boolean plainCharacters(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT) {
                return false;
            }
        }
        return true;
    }

    private boolean absoluteAllowed(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        int defaultPort;
        String rest;
        if (lower.startsWith("https://")) {
            defaultPort = 443;
            rest = url.substring("https://".length());
        } else if (lower.startsWith("http://")) {
            defaultPort = 80;
            rest = url.substring("http://".length());
        } else {
            return false;
        }
        String authority = rest.split("[/?#]", 2)[0];
        if (authority.contains("@")) {
            return false;
        }
        return HostAndPort.parse(authority)
                .filter(target -> allowed.stream().anyMatch(a -> a.allows(target, defaultPort)))
                .isPresent();
    }

    /** Equal when both allow the same hosts, in whatever order they were listed. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReturnUrls urls && Set.copyOf(allowed).equals(Set.copyOf(urls.allowed));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(allowed).hashCode();
    }

    /** An ASCII, lower-cased host and an optional explicit port. */
    private record HostAndPort(String host, OptionalInt port) {
        static Optional<HostAndPort> parse(String authority) {
            int colon = authority.lastIndexOf(':');
            String host = colon < 0 ? authority : authority.substring(0, colon);
            if (colon < 0) {
                return asciiHost(host).map(h -> new HostAndPort(h, OptionalInt.empty()));
            }
            String portText = authority.substring(colon + 1);
            if (!PORT.matcher(portText).matches() || Integer.parseInt(portText) > 65535) {
                return Optional.empty();
            }
            OptionalInt port = OptionalInt.of(Integer.parseInt(portText));
            return asciiHost(host).map(h -> new HostAndPort(h, port));
        }
    }

    private static Optional<String> asciiHost(String host) {
        if (host.isEmpty()) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ASCII_HOST.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record AllowedHost(String host, boolean subdomains, OptionalInt port) {
        static AllowedHost parse(String entry) {
            String text = entry == null ? "" : entry.strip();
            boolean subdomains = text.startsWith("*.");
            String withoutWildcard = subdomains ? text.substring(2) : text;
            if (withoutWildcard.contains("*") || withoutWildcard.contains("@") || withoutWildcard.contains("/")) {
                throw bad(entry);
            }
            HostAndPort parsed = HostAndPort.parse(withoutWildcard).orElseThrow(() -> bad(entry));
            return new AllowedHost(parsed.host(), subdomains, parsed.port());
        }

        private static IllegalArgumentException bad(String entry) {
            return new IllegalArgumentException("GATEHOUSE_ALLOWED_REDIRECT_HOSTS: '" + entry
                    + "' is not a host name, host:port, or *.domain (no scheme, path or user info)");
        }

        boolean allows(HostAndPort target, int defaultPort) {
            boolean hostMatches = subdomains ? target.host().endsWith("." + host) : target.host().equals(host);
            int targetPort = target.port().orElse(defaultPort);
            return hostMatches && targetPort == port.orElse(defaultPort);
        }
    }
}
