package dev.gatehouse.oidc;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.gatehouse.core.client.Client;

import java.util.Objects;

/** What the token endpoint made of a request's client authentication. */
sealed interface ClientCheck {
    /**
     * The client is who it says.
     *
     * @param client the client, as stored
     */
    record Known(Client client) implements ClientCheck {
        public Known {
            Objects.requireNonNull(client, "client");
        }
    }

    /**
     * Refused; RFC 6749 section 5.2 says how to answer.
     *
     * @param error     the OAuth error, {@code invalid_client} or {@code invalid_request}
     * @param usedBasic whether the client sent HTTP Basic, so that the answer challenges with it
     */
    record Refused(ErrorObject error, boolean usedBasic) implements ClientCheck {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
