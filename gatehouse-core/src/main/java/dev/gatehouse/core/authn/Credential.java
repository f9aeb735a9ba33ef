package dev.gatehouse.core.authn;

import java.util.Objects;

/** What a caller presents to prove who they are. Secrets are hidden from {@code toString}. */
public sealed interface Credential {
    /** {@code Authorization: Basic base64(login:password)}; the login is an email or a username. */
    record Basic(String login, String password) implements Credential {
        public Basic {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[login=" + login + ", password=****]";
        }
    }

    /** {@code Authorization: Bearer <jwt>}: an access token. */
    record Bearer(String token) implements Credential {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }

    /** The session cookie's value. */
    record SessionCookie(String token) implements Credential {
        public SessionCookie {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "SessionCookie[****]";
        }
    }
}
