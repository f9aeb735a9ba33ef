package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;

import java.util.Objects;
import java.util.Optional;

/** What came of registering, changing or re-keying a client. */
public sealed interface ClientChange {
    /**
     * The client as now stored.
     *
     * @param client the client
     * @param secret the new secret in clear when one was made (registration, rotation, a change to
     *        confidential): shown to the operator this once, kept by nobody; hidden from {@link #toString}
     */
    record Saved(Client client, Optional<String> secret) implements ClientChange {
        /** Refuses missing values. */
        public Saved {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Saved[client=" + client + ", secret=" + (secret.isPresent() ? "****" : "none") + "]";
        }
    }

    /**
     * Refused, nothing changed.
     *
     * @param reason what was wrong, fit to show the operator
     */
    record Invalid(String reason) implements ClientChange {
        /** Refuses a missing reason. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A registration named an id another client has. */
    record IdTaken() implements ClientChange {
    }

    /** No client has that id. */
    record NotFound() implements ClientChange {
    }

    /** The client changed between its reading and this change, which was not made: read it again. */
    record Conflict() implements ClientChange {
    }
}
