package dev.gatehouse.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes JDBC URLs, and messages that may quote them, fit to print: secrets masked. */
final class JdbcUrls {
    private static final String MASK = "***";
    // key=value pairs after '?', '&' or ';' whose key smells of a secret (password, sslpassword, key...).
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:[a-z_]*password|passwd|pwd|secret|key|hexkey|token)=)([^&;]*)");
    // user:password@ in //user:password@host
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)([^@/?]*)@");

    private JdbcUrls() {
    }

    /** The URL with every password-like value replaced by {@code ***}. */
    static String redact(String jdbcUrl) {
        String masked = SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return USER_INFO.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }

    /** The message with the URL's secret values masked wherever they appear, e.g. in a driver's error. */
    static String scrub(String message, String jdbcUrl) {
        if (message == null) {
            return "";
        }
        String scrubbed = message.replace(jdbcUrl, redact(jdbcUrl));
        for (String secret : secrets(jdbcUrl)) {
            scrubbed = scrubbed.replace(secret, MASK);
        }
        return scrubbed;
    }

    private static List<String> secrets(String jdbcUrl) {
        List<String> secrets = new ArrayList<>();
        for (Pattern pattern : List.of(SECRET_PARAMETER, USER_INFO)) {
            Matcher m = pattern.matcher(jdbcUrl);
            while (m.find()) {
                if (!m.group(2).isEmpty()) {
                    secrets.add(m.group(2));
                }
            }
        }
        return secrets;
    }
}
