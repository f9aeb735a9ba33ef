package dev.gatehouse.redis;

import io.lettuce.core.RedisURI;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Redis URLs, and makes them fit to print: the password masked. */
final class RedisUrls {
    private static final String MASK = "***";
    // The user info of //[user:]password@host, up to its last @ (a password may hold one).
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/?#]*@");
    // password=... in the query, which Lettuce does not read but a person may still write.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&#]*");

    private RedisUrls() {
    }

    /**
     * The URL as Lettuce reads it: {@code redis://[[user:]password@]host[:port][/database]},
     * {@code rediss://} for TLS, {@code redis-sentinel://[password@]host:port[,host:port...][/database]#master}
     * for a master found through Sentinel, or {@code redis-socket:///path} for a Unix socket.
     *
     * @throws IllegalArgumentException when it is no such URL; the message shows it with the
     *         password masked, and the parser's own exception is dropped because it may quote it
     */
    static RedisURI parse(String redisUrl) {
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUrl);
        } catch (RuntimeException e) {
            throw invalid(redisUrl);
        }
        boolean somewhere = (uri.getHost() != null && !uri.getHost().isEmpty()) || !uri.getSentinels().isEmpty() || uri.getSocket() != null;
        if (!somewhere) {
            throw invalid(redisUrl);
        }
        return uri;
    }

    /** The URL with its user info (password, and user name with it) replaced by {@code ***}. */
    static String redact(String redisUrl) {
        String masked = USER_INFO.matcher(redisUrl).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    private static IllegalArgumentException invalid(String redisUrl) {
        return new IllegalArgumentException("not a Redis URL of the form redis://[password@]host:port[/database]: " + redact(redisUrl));
    }
}
