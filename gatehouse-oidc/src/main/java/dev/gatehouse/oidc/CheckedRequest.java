package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization request whose client and redirect URI match, with what the endpoint reads of it.
 *
 * @param client        the client, as stored
 * @param redirectUri   the redirect URI, exactly as sent and registered
 * @param state         the client's {@code state}, echoed
 * @param scopes        the scopes asked for, all registered to the client
 * @param nonce         the {@code nonce}, echoed in the ID token
 * @param codeChallenge the S256 {@code code_challenge}, if one was sent
 * @param prompt        what {@code prompt} asks
 * @param maxAge        the {@code max_age}, if sent
 */
record CheckedRequest(Client client, String redirectUri, Optional<String> state, Set<String> scopes, Optional<String> nonce,
                      Optional<String> codeChallenge, PromptValues prompt, Optional<Duration> maxAge) {
    CheckedRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = Set.copyOf(scopes);
    }
}
