package dev.gatehouse.core.session;

import java.util.Objects;
import java.util.Optional;

/**
 * What is known of the client that signs in, shown in the user's list of sessions.
 *
 * @param userAgent the {@code User-Agent} header, cut to 256 characters so that a client cannot fill the store
 * @param remoteAddress the client's address, as the server determined it
 */
public record ClientInfo(Optional<String> userAgent, Optional<String> remoteAddress) {
    private static final int MAX_USER_AGENT = 256;

    /** Refuses a missing component, and cuts the user agent to its bound. */
    public ClientInfo {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        userAgent = userAgent.map(ua -> ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua);
    }

    /**
     * Nothing known of the client: for a sign-in that did not come over HTTP.
     *
     * @return a client info with both components empty
     */
    public static ClientInfo unknown() {
        return new ClientInfo(Optional.empty(), Optional.empty());
    }
}
