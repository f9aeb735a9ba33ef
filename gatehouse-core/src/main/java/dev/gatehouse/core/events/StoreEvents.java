package dev.gatehouse.core.events;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The wire form of {@link StoreEvent}s for feeds between processes (Redis pub/sub, PostgreSQL
 * NOTIFY): one short line, {@code <kind> <fields...>}. Token hashes are SHA-256 digests, never
 * tokens. An unreadable line decodes to {@link StoreEvent.Resync}: when in doubt, forget.
 */
public final class StoreEvents {
    /** Token hashes and token ids alike: base64url, as Gatehouse makes them. Anything else decodes to a resync. */
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private StoreEvents() {
    }

    /**
     * The wire form of an event.
     *
     * @param event the event to send
     * @return one line without a line break, such as {@code user-changed <uuid>}
     */
    public static String encode(StoreEvent event) {
        return switch (event) {
            case StoreEvent.SessionEnded e -> "session-ended " + e.sessionId() + e.tokenHash().map(h -> " " + h).orElse("");
            case StoreEvent.UserSessionsEnded e -> "user-sessions-ended " + e.userId();
            case StoreEvent.UserChanged e -> "user-changed " + e.userId();
            case StoreEvent.JtiRevoked e -> "jti-revoked " + e.jti();
            case StoreEvent.UserNotBeforeSet e -> "user-not-before " + e.userId();
            case StoreEvent.KeysChanged e -> "keys-changed";
            case StoreEvent.Resync e -> "resync";
        };
    }

    /**
     * Reads the wire form back. Never throws: anything unreadable is a resync.
     *
     * @param line a line as {@link #encode} wrote it; may be null
     * @return the event, or {@link StoreEvent.Resync} when the line cannot be read
     */
    public static StoreEvent decode(String line) {
        String[] parts = line == null ? new String[0] : line.trim().split(" ");
        try {
            return switch (parts.length == 0 ? "" : parts[0]) {
                case "session-ended" -> new StoreEvent.SessionEnded(UUID.fromString(parts[1]),
                        parts.length > 2 && HASH.matcher(parts[2]).matches() ? Optional.of(parts[2]) : Optional.empty());
                case "user-sessions-ended" -> new StoreEvent.UserSessionsEnded(UUID.fromString(parts[1]));
                case "user-changed" -> new StoreEvent.UserChanged(UUID.fromString(parts[1]));
                case "jti-revoked" -> HASH.matcher(parts[1]).matches() ? new StoreEvent.JtiRevoked(parts[1]) : new StoreEvent.Resync();
                case "user-not-before" -> new StoreEvent.UserNotBeforeSet(UUID.fromString(parts[1]));
                case "keys-changed" -> new StoreEvent.KeysChanged();
                default -> new StoreEvent.Resync();
            };
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return new StoreEvent.Resync();
        }
    }
}
