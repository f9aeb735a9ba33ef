package dev.gatehouse.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human durations as settings spell them: {@code 30d}, {@code 12h}, {@code 15m}, {@code 45s} or plain seconds. */
public final class Durations {
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,12})\\s*([smhdw]?)");

    private Durations() {
    }

    /**
     * The duration, or empty when the text is not one of the accepted shapes.
     *
     * @param text the setting's text, such as {@code 15m}; spaces around it and case are ignored, null is no duration
     * @return the duration, or empty
     */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "", "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(amount * 7);
            default -> throw new IllegalStateException("unreachable: the pattern admits only smhdw");
        });
    }
}
