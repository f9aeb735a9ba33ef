package dev.gatehouse.core.spi;

import dev.gatehouse.core.client.Client;

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

    private static final StoreEvent RESYNC = new StoreEvent.Resync();

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
            case StoreEvent.ClientChanged e -> "client-changed " + e.clientId();
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
        String[] parts = line == null ? new String[0] : line.trim().split(" ", -1);
        try {
            // Each kind has exactly its own parts: a line with more, fewer or malformed ones is not
            // read as the nearest event, it is a resync.
            return switch (parts.length == 0 ? "" : parts[0]) {
                case "session-ended" -> sessionEnded(parts);
                case "user-sessions-ended" -> parts.length == 2 ? new StoreEvent.UserSessionsEnded(UUID.fromString(parts[1])) : RESYNC;
                case "user-changed" -> parts.length == 2 ? new StoreEvent.UserChanged(UUID.fromString(parts[1])) : RESYNC;
                case "jti-revoked" -> parts.length == 2 && HASH.matcher(parts[1]).matches() ? new StoreEvent.JtiRevoked(parts[1]) : RESYNC;
                case "user-not-before" -> parts.length == 2 ? new StoreEvent.UserNotBeforeSet(UUID.fromString(parts[1])) : RESYNC;
                case "client-changed" -> parts.length == 2 && Client.isValidId(parts[1]) ? new StoreEvent.ClientChanged(parts[1]) : RESYNC;
                case "keys-changed" -> parts.length == 1 ? new StoreEvent.KeysChanged() : RESYNC;
                default -> RESYNC;
            };
        } catch (IllegalArgumentException e) {
            return RESYNC;
        }
    }

    private static StoreEvent sessionEnded(String[] parts) {
        return switch (parts.length) {
            case 2 -> new StoreEvent.SessionEnded(UUID.fromString(parts[1]), Optional.empty());
            case 3 -> HASH.matcher(parts[2]).matches() ? new StoreEvent.SessionEnded(UUID.fromString(parts[1]), Optional.of(parts[2])) : RESYNC;
            default -> RESYNC;
        };
    }
}
