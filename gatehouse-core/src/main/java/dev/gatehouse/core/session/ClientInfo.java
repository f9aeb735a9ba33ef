package dev.gatehouse.core.session;

import java.util.Objects;
import java.util.Optional;

/** What is known of the client that signs in, shown in the user's list of sessions. */
public record ClientInfo(Optional<String> userAgent, Optional<String> remoteAddress) {
    private static final int MAX_USER_AGENT = 256;

    public ClientInfo {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        userAgent = userAgent.map(ua -> ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua);
    }

    public static ClientInfo unknown() {
        return new ClientInfo(Optional.empty(), Optional.empty());
    }
}
