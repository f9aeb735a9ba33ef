package dev.gatehouse.core.access;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The peers whose {@code X-Forwarded-*} and {@code X-Original-*} headers are believed
 * ({@code GATEHOUSE_TRUSTED_PROXIES}). From anyone else those headers are ignored: a client
 * that could set them could claim to be asking for a public path while reaching a protected one.
 *
 * <p>Only literal addresses are read, never host names: a DNS lookup would make trust depend
 * on whoever answers DNS, and would block at start.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    /**
     * How many peers' verdicts are remembered. The peers that ask are a few proxies, each asking
     * thousands of times a second; parsing the address every time (two regular expressions and an
     * {@link InetAddress}) is a visible part of a cookie check's cost. A server that faces clients
     * directly sees many addresses: the first ones are remembered, the rest judged each time.
     */
    static final int REMEMBERED_PEERS = 256;

    private final List<Range> ranges;
    private final String description;
    /** A verdict is a function of the address text alone, and the ranges never change. */
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

    private TrustedProxies(List<Range> ranges, String description) {
        this.ranges = List.copyOf(ranges);
        this.description = description;
    }

    /**
     * The default: {@code 127.0.0.0/8} and {@code ::1}, i.e. a proxy on the same machine.
     *
     * @return the loopback ranges
     */
    public static TrustedProxies loopbackOnly() {
        return parse("127.0.0.0/8, ::1");
    }

    /**
     * Trusts no peer: forwarded headers are always ignored (Gatehouse faces clients directly).
     *
     * @return an empty list of proxies
     */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of(), "none");
    }

    /**
     * Reads a comma-separated list of IPv4/IPv6 addresses and CIDR ranges, such as
     * {@code 127.0.0.1/32, ::1, 10.0.0.0/8}.
     *
     * @param list the addresses and ranges, separated by commas
     * @return the proxies in those ranges
     * @throws IllegalArgumentException naming the bad entry: a host name, a malformed address,
     *     a prefix length out of range, host bits set after the prefix, or an empty list
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException(
                    "GATEHOUSE_TRUSTED_PROXIES is empty: leave it unset for loopback only, or list addresses and CIDR ranges");
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            ranges.add(Range.parse(entry.strip()));
        }
        return new TrustedProxies(ranges, String.join(", ", ranges.stream().map(Range::text).toList()));
    }

    /**
     * Whether the direct peer is a trusted proxy. An IPv4-mapped IPv6 address
     * ({@code ::ffff:127.0.0.1}) is the IPv4 address it maps. Anything that is not a literal
     * address (including a host name) is not trusted, and never looked up.
     *
     * @param remoteAddress the address of the direct peer, as the server saw it; may be null
     * @return true when it is a literal address within a trusted range
     */
    public boolean trusts(String remoteAddress) {
        String text = remoteAddress == null ? "" : remoteAddress;
        Boolean known = verdicts.get(text);
        if (known != null) {
            return known;
        }
        Optional<InetAddress> address = literal(stripBracketsAndZone(text.strip()));
        boolean verdict = address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
        if (verdicts.size() < REMEMBERED_PEERS) {
            verdicts.put(text, verdict);
        }
        return verdict;
    }

    /**
     * {@code text} as one canonical literal address ({@code 2001:db8:0:0:0:0:0:1}, an IPv4-mapped
     * address as IPv4), so that one address is one spelling; empty when it is not one literal
     * IPv4 or IPv6 address (brackets and an IPv6 zone allowed). A host name, a port, a list or
     * garbage is not, and nothing is ever looked up.
     *
     * @param text the address as written; may be null
     * @return the canonical spelling, or empty
     */
    public static Optional<String> canonicalAddress(String text) {
        return text == null ? Optional.empty() : literal(stripBracketsAndZone(text.strip())).map(InetAddress::getHostAddress);
    }

    /** Equal when both trust the same ranges, however they were written. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies proxies && networks().equals(proxies.networks());
    }

    @Override
    public int hashCode() {
        return networks().hashCode();
    }

    private Set<String> networks() {
        return ranges.stream().map(range -> HexFormat.of().formatHex(range.network()) + "/" + range.prefixLength())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "TrustedProxies[" + description + "]";
    }

    private static String stripBracketsAndZone(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        int zone = bare.indexOf('%');
        return zone >= 0 && bare.indexOf(':') >= 0 ? bare.substring(0, zone) : bare;
    }

    /** Parses only literals; the regular expressions keep {@link InetAddress} from ever resolving a name. */
    private static Optional<InetAddress> literal(String text) {
        boolean v4 = IPV4.matcher(text).matches() && octetsInRange(text);
        boolean v6 = IPV6.matcher(text).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean octetsInRange(String ipv4) {
        for (String octet : ipv4.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** One address or CIDR range; {@code network} has no bits set after {@code prefixLength}. */
    private record Range(String text, byte[] network, int prefixLength) {
        static Range parse(String entry) {
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("GATEHOUSE_TRUSTED_PROXIES has an empty entry (a stray comma?)");
            }
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = literal(addressText).orElseThrow(() -> new IllegalArgumentException(
                    "GATEHOUSE_TRUSTED_PROXIES: '" + entry + "' is not an IPv4 or IPv6 address or CIDR range"
                            + " (host names are not accepted)"));
            byte[] bytes = address.getAddress();
            int bits = bytes.length * 8;
            // ::ffff:10.0.0.0/104 arrives as an IPv4 address; its prefix counts the 96 mapping bits.
            int mappingBits = address instanceof Inet4Address && addressText.contains(":") ? 96 : 0;
            int prefix = slash < 0 ? bits : prefixLength(entry, entry.substring(slash + 1), bits + mappingBits) - mappingBits;
            if (prefix < 0) {
                throw new IllegalArgumentException("GATEHOUSE_TRUSTED_PROXIES: '" + entry + "' has a prefix shorter than the IPv4 mapping");
            }
            if (!hostBitsClear(bytes, prefix)) {
                throw new IllegalArgumentException("GATEHOUSE_TRUSTED_PROXIES: '" + entry
                        + "' has bits set after the /" + (prefix + mappingBits) + " prefix; write the network address");
            }
            return new Range(entry, bytes, prefix);
        }

        private static int prefixLength(String entry, String text, int max) {
            if (!text.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(text) > max) {
                throw new IllegalArgumentException(
                        "GATEHOUSE_TRUSTED_PROXIES: '" + entry + "' needs a prefix length from 0 to " + max);
            }
            return Integer.parseInt(text);
        }

        private static boolean hostBitsClear(byte[] bytes, int prefix) {
            for (int bit = prefix; bit < bytes.length * 8; bit++) {
                if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                    return false;
                }
            }
            return true;
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
