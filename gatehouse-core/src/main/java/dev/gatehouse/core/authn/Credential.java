package dev.gatehouse.core.authn;

import java.util.Objects;

/** What a caller presents to prove who they are. Secrets are hidden from {@code toString}. */
public sealed interface Credential {
    /**
     * {@code Authorization: Basic base64(login:password)}; the login is an email or a username.
     *
     * @param login an email or a username, as sent
     * @param password the password, as sent; hidden from {@link #toString}
     */
    record Basic(String login, String password) implements Credential {
        /** Refuses a missing login or password. */
        public Basic {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[login=" + login + ", password=****]";
        }
    }

    /**
     * {@code Authorization: Bearer <jwt>}: an access token.
     *
     * @param token the compact JWS, as sent; hidden from {@link #toString}
     */
    record Bearer(String token) implements Credential {
        /** Refuses a missing token. */
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }

    /**
     * The session cookie's value.
     *
     * @param token the session token, as sent; hidden from {@link #toString}
     */
    record SessionCookie(String token) implements Credential {
        /** Refuses a missing token. */
        public SessionCookie {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "SessionCookie[****]";
        }
    }
}
