package dev.gatehouse.core.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * The grants a client may use at the token endpoint. Implicit and password grants are not offered
 * at all (RFC 9700 section 2.1.2 and 2.4): they expose tokens or passwords to the client.
 */
public enum GrantType {
    /** A user signs in at the authorization endpoint; the client exchanges the code it gets back. */
    AUTHORIZATION_CODE("authorization_code"),
    /** The client trades a refresh token for new tokens. */
    REFRESH_TOKEN("refresh_token"),
    /** A confidential client acts as itself, with no user. */
    CLIENT_CREDENTIALS("client_credentials");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The grant's name in OAuth messages and registrations.
     *
     * @return such as {@code authorization_code}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The grant with this name, compared exactly.
     *
     * @param name a name as OAuth messages spell it
     * @return the grant, or empty when no grant offered here has that name
     */
    public static Optional<GrantType> fromWireName(String name) {
        return Arrays.stream(values()).filter(grant -> grant.wireName.equals(name)).findFirst();
    }
}
