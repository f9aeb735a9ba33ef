package dev.gatehouse.oidc;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;

import java.util.Optional;

/**
 * Authenticates the client of a token request (RFC 6749 section 2.3, OpenID Connect Core section 9).
 * A confidential client proves itself with its secret, by HTTP Basic ({@code client_secret_basic})
 * or in the body ({@code client_secret_post}), or, when it registered keys, with a JWT signed by
 * one of them ({@code private_key_jwt}, {@link ClientAssertions}); a public client names itself
 * with {@code client_id} and proves nothing ({@code none}), so what it may do is bound by PKCE and
 * its redirect URIs.
 *
 * <p>Refused, each as {@code invalid_client} without saying which: an unknown id, a wrong secret,
 * a confidential client that sends no secret, and a public client that sends one (a public client's
 * "secret" is in every copy of the app: taking it would let anyone claim to be a confidential client).
 * More than one method in one request is {@code invalid_request} (RFC 6749 section 2.3: a client
 * MUST NOT use more than one), never resolved by picking one.
 */
final class ClientAuthenticator {
    private final ClientRegistry clients;
    private final ClientAssertions assertions;

    ClientAuthenticator(ClientRegistry clients, ClientAssertions assertions) {
        this.clients = clients;
        this.assertions = assertions;
    }

    /**
     * @param request  the token request as the SDK read it
     * @param bodyClientId the {@code client_id} of the form as sent, if any
     * @param authorization the {@code Authorization} header as sent, if any
     */
    ClientCheck check(TokenRequest request, Optional<String> bodyClientId, Optional<String> authorization) {
        if (authorization.isPresent() && !BasicCredentials.isCanonical(authorization.get())) {
            // The SDK's Base64 decoder skips what it cannot read: "Basic <credentials>x" would pass as
            // the credentials. A header two readers could decode differently is refused.
            return new ClientCheck.Refused(OAuth2Error.INVALID_CLIENT.setDescription("client authentication failed"),
                    BasicCredentials.isBasic(authorization.get()));
        }
        if (request.getClientAuthenticationCandidates() != null && request.getClientAuthenticationCandidates().size() > 1) {
            return new ClientCheck.Refused(OAuth2Error.INVALID_REQUEST.setDescription("more than one client authentication method"), false);
        }
        ClientAuthentication authentication = request.getClientAuthentication();
        if (authentication == null) {
            return publicClient(request.getClientID());
        }
        if (authentication instanceof PrivateKeyJWT assertion) {
            if (bodyClientId.isPresent() && !bodyClientId.get().equals(assertion.getClientID().getValue())) {
                return new ClientCheck.Refused(OAuth2Error.INVALID_REQUEST.setDescription("client_id names another client than the assertion"),
                        false);
            }
            return assertions.authenticate(assertion).<ClientCheck>map(ClientCheck.Known::new).orElseGet(() -> unknown(false));
        }
        if (!(authentication instanceof PlainClientSecret plain)) {
            return new ClientCheck.Refused(OAuth2Error.INVALID_CLIENT.setDescription(
                    "client authentication method " + authentication.getMethod() + " is not supported"), false);
        }
        boolean basic = authentication.getMethod().equals(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        if (bodyClientId.isPresent() && !bodyClientId.get().equals(plain.getClientID().getValue())) {
            // client_id in the body and another in the Basic header: which client is asking?
            return new ClientCheck.Refused(OAuth2Error.INVALID_REQUEST.setDescription("client_id names another client than the credentials"),
                    false);
        }
        Optional<Client> client = clients.authenticate(plain.getClientID().getValue(), plain.getClientSecret().getValue());
        return client.<ClientCheck>map(ClientCheck.Known::new).orElseGet(() -> unknown(basic));
    }

    private ClientCheck publicClient(ClientID id) {
        if (id == null) {
            return new ClientCheck.Refused(OAuth2Error.INVALID_CLIENT.setDescription("the client is not identified"), false);
        }
        return clients.find(id.getValue())
                .filter(client -> client.type() == ClientType.PUBLIC)
                .<ClientCheck>map(ClientCheck.Known::new)
                .orElseGet(() -> unknown(false));
    }

    private static ClientCheck unknown(boolean basic) {
        return new ClientCheck.Refused(OAuth2Error.INVALID_CLIENT.setDescription("client authentication failed"), basic);
    }
}
