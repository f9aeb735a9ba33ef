package dev.gatehouse.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformation;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformationResponse;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import net.minidev.json.JSONObject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Dynamic client registration (RFC 7591, OpenID Connect Dynamic Client Registration 1.0): an app
 * registers itself by POSTing its metadata, and gets its {@code client_id} (and secret) back. Off
 * unless the operator turns it on, open to anyone or only to callers with an initial access token.
 *
 * <p>A client registered this way is never trusted more than an app from nowhere: always
 * third-party (the consent page is shown), only the code flow ({@code authorization_code}, and
 * {@code refresh_token}), only the standard scopes ({@code openid profile email offline_access}),
 * the server's token lifetimes, and no back-channel logout URI (Gatehouse would POST to any
 * address a stranger named, inside the operator's network too). Metadata the server understands
 * but does not offer ({@code jwks_uri}, {@code request_uris}, encrypted or differently signed ID
 * tokens, a software statement...) is refused with {@code invalid_client_metadata} rather than
 * ignored, so that no app believes it has what it has not; metadata it does not know at all is
 * ignored, as RFC 7591 section 2 asks. The answer holds the metadata as registered.
 *
 * <p>The registration cannot be read, changed or deleted by the app afterwards (RFC 7592 is not
 * offered): the operator manages these clients like any other.
 */
public final class DynamicRegistration {
    /** Who may register. */
    public sealed interface Access {
        /** Anyone who can reach the endpoint. */
        record Open() implements Access {
        }

        /**
         * A caller that presents the initial access token (RFC 7591 section 3) as a Bearer token.
         *
         * @param token the token, at least 32 characters; hidden from {@link #toString}
         */
        record WithToken(String token) implements Access {
            /** Refuses a short token: it is the only thing between a stranger and a registered client. */
            public WithToken {
                Objects.requireNonNull(token, "token");
                if (token.length() < 32) {
                    throw new IllegalArgumentException("an initial access token is at least 32 characters");
                }
            }

            @Override
            public String toString() {
                return "WithToken[token=<hidden>]";
            }
        }
    }

    /** The scopes a self-registered client may ask for: what a user can see on the consent page. */
    static final Set<String> SCOPES = Set.of("openid", "profile", "email", "offline_access");
    /** Registration metadata with a meaning Gatehouse does not give: refused, never silently dropped. */
    static final Set<String> NOT_OFFERED = Set.of("jwks_uri", "backchannel_logout_uri", "backchannel_logout_session_required",
            "frontchannel_logout_uri", "frontchannel_logout_session_required", "request_uris", "sector_identifier_uri", "software_statement",
            "software_id", "software_version", "initiate_login_uri", "id_token_encrypted_response_alg", "id_token_encrypted_response_enc",
            "userinfo_signed_response_alg", "userinfo_encrypted_response_alg", "userinfo_encrypted_response_enc",
            "request_object_signing_alg", "request_object_encryption_alg", "request_object_encryption_enc",
            "authorization_signed_response_alg", "authorization_encrypted_response_alg", "tls_client_auth_subject_dn",
            "tls_client_certificate_bound_access_tokens", "dpop_bound_access_tokens", "require_pushed_authorization_requests",
            "require_signed_request_object", "introspection_signed_response_alg", "default_acr_values");
    private static final Set<ClientAuthenticationMethod> AUTH_METHODS = Set.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.NONE);

    private final ClientRegistry clients;
    private final Access access;
    private final String idTokenAlgorithm;

    /**
     * Registration into {@code clients}.
     *
     * @param clients where the clients go, under the registry's own rules for URIs and keys
     * @param access who may register
     * @param idTokenAlgorithm the algorithm ID tokens are signed with, the only one a client may ask for
     */
    public DynamicRegistration(ClientRegistry clients, Access access, String idTokenAlgorithm) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.access = Objects.requireNonNull(access, "access");
        this.idTokenAlgorithm = Objects.requireNonNull(idTokenAlgorithm, "idTokenAlgorithm");
    }

    /**
     * Answers a registration request.
     *
     * @param metadata the request's JSON object, as sent (already read strictly: one value per name)
     * @param authorization the {@code Authorization} header, if one was sent
     * @return 201 with the client's information, 400 with an RFC 7591 error, or 401 without the token
     */
    public HTTPResponse register(String metadata, Optional<String> authorization) {
        if (access instanceof Access.WithToken withToken && !presents(authorization, withToken.token())) {
            HTTPResponse refused = new HTTPResponse(HTTPResponse.SC_UNAUTHORIZED);
            refused.setHeader("WWW-Authenticate", BearerTokenError.INVALID_TOKEN.toWWWAuthenticateHeader());
            return refused;
        }
        JSONObject json;
        OIDCClientMetadata requested;
        try {
            json = new JSONObject(JSONObjectUtils.parse(metadata));
            Optional<String> unsupported = json.keySet().stream().filter(NOT_OFFERED::contains).sorted().findFirst();
            if (unsupported.isPresent()) {
                return refused(RegistrationError.INVALID_CLIENT_METADATA, unsupported.get() + " is not offered by this server");
            }
            requested = OIDCClientMetadata.parse(json);
        } catch (java.text.ParseException e) {
            return refused(RegistrationError.INVALID_CLIENT_METADATA, "the metadata cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // The SDK's readers fail on some shapes with an unchecked exception (a null in a list of URIs or keys).
            return refused(RegistrationError.INVALID_CLIENT_METADATA, "the metadata cannot be read");
        } catch (ParseException e) {
            // The SDK names the field's own error where there is one (invalid_redirect_uri for a redirect URI with a fragment).
            ErrorObject error = e.getErrorObject() != null && RegistrationError.INVALID_REDIRECT_URI.getCode().equals(e.getErrorObject().getCode())
                    ? RegistrationError.INVALID_REDIRECT_URI : RegistrationError.INVALID_CLIENT_METADATA;
            return refused(error, "the metadata cannot be read: " + e.getMessage());
        }
        Optional<ErrorObject> refusal = refusal(requested);
        if (refusal.isPresent()) {
            return new ClientRegistrationErrorResponse(refusal.get()).toHTTPResponse();
        }
        ClientChange change = clients.registerSelf(registration(requested));
        return switch (change) {
            case ClientChange.Saved saved -> created(saved.client(), saved.secret());
            case ClientChange.Invalid invalid -> refused(invalid.reason().contains("URI") ? RegistrationError.INVALID_REDIRECT_URI
                    : RegistrationError.INVALID_CLIENT_METADATA, invalid.reason());
            case ClientChange.IdTaken taken -> throw new IllegalStateException("a generated client id was taken");
            case ClientChange.NotFound gone -> throw new IllegalStateException("registration finds no client");
            case ClientChange.Conflict conflict -> throw new IllegalStateException("registration changes no client");
        };
    }

    private static boolean presents(Optional<String> authorization, String token) {
        String scheme = "bearer ";
        // The scheme in any case (RFC 9110 section 11.1), one space, then the token, compared in
        // constant time: how much of it is right never shows in the time taken.
        return authorization.filter(header -> header.regionMatches(true, 0, scheme, 0, scheme.length()))
                .map(header -> MessageDigest.isEqual(header.substring(scheme.length()).getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private Optional<ErrorObject> refusal(OIDCClientMetadata requested) {
        if (requested.getRedirectionURIs() == null || requested.getRedirectionURIs().isEmpty()) {
            return Optional.of(RegistrationError.INVALID_REDIRECT_URI.setDescription("redirect_uris is required"));
        }
        if (requested.getResponseTypes() != null && !requested.getResponseTypes().equals(Set.of(ResponseType.CODE))) {
            return Optional.of(invalid("response_types may only be [code]"));
        }
        if (requested.getGrantTypes() != null && !Set.of(com.nimbusds.oauth2.sdk.GrantType.AUTHORIZATION_CODE,
                com.nimbusds.oauth2.sdk.GrantType.REFRESH_TOKEN).containsAll(requested.getGrantTypes())) {
            return Optional.of(invalid("grant_types may only be authorization_code and refresh_token"));
        }
        if (requested.getGrantTypes() != null && !requested.getGrantTypes().contains(com.nimbusds.oauth2.sdk.GrantType.AUTHORIZATION_CODE)) {
            return Optional.of(invalid("grant_types includes authorization_code"));
        }
        if (requested.getScope() != null && !SCOPES.containsAll(requested.getScope().toStringList())) {
            return Optional.of(invalid("scope may only hold " + String.join(" ", new TreeSet<>(SCOPES))));
        }
        ClientAuthenticationMethod method = authMethod(requested);
        if (!AUTH_METHODS.contains(method)) {
            return Optional.of(invalid("token_endpoint_auth_method may be client_secret_basic, client_secret_post, private_key_jwt or none"));
        }
        if (method.equals(ClientAuthenticationMethod.PRIVATE_KEY_JWT) != (requested.getJWKSet() != null)) {
            return Optional.of(invalid("jwks is given exactly for private_key_jwt"));
        }
        if (requested.getIDTokenJWSAlg() != null && !requested.getIDTokenJWSAlg().getName().equals(idTokenAlgorithm)) {
            return Optional.of(invalid("ID tokens are signed with " + idTokenAlgorithm));
        }
        if (requested.getSubjectType() != null && !requested.getSubjectType().toString().equals("public")) {
            return Optional.of(invalid("subject_type may only be public"));
        }
        return Optional.empty();
    }

    private static ClientAuthenticationMethod authMethod(OIDCClientMetadata requested) {
        return requested.getTokenEndpointAuthMethod() == null ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                : requested.getTokenEndpointAuthMethod();
    }

    private static ClientRegistration registration(OIDCClientMetadata requested) {
        ClientAuthenticationMethod method = authMethod(requested);
        ClientType type = method.equals(ClientAuthenticationMethod.NONE) ? ClientType.PUBLIC : ClientType.CONFIDENTIAL;
        Set<GrantType> grants = requested.getGrantTypes() == null || requested.getGrantTypes().contains(com.nimbusds.oauth2.sdk.GrantType.REFRESH_TOKEN)
                ? EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN) : EnumSet.of(GrantType.AUTHORIZATION_CODE);
        Set<String> scopes = requested.getScope() == null ? Set.of("openid", "profile", "email") : Set.copyOf(requested.getScope().toStringList());
        URI firstRedirect = requested.getRedirectionURIs().iterator().next();
        String name = requested.getName() == null || requested.getName().isBlank()
                ? "App at " + (firstRedirect.getHost() != null ? firstRedirect.getHost() : firstRedirect.getScheme()) : requested.getName();
        return new ClientRegistration(Optional.empty(), name, type,
                Optional.ofNullable(requested.getJWKSet()).map(keys -> keys.toString(false)),
                uris(requested.getRedirectionURIs()), uris(requested.getPostLogoutRedirectionURIs()), Optional.empty(), scopes, grants,
                false, Optional.empty(), Optional.empty());
    }

    private static List<String> uris(Set<URI> uris) {
        return uris == null ? List.of() : uris.stream().map(URI::toString).sorted().toList();
    }

    private HTTPResponse created(Client client, Optional<String> secret) {
        OIDCClientMetadata registered = new OIDCClientMetadata();
        registered.setName(client.name());
        registered.setRedirectionURIs(client.redirectUris().stream().map(URI::create).collect(Collectors.toCollection(LinkedHashSet::new)));
        if (!client.postLogoutRedirectUris().isEmpty()) {
            registered.setPostLogoutRedirectionURIs(client.postLogoutRedirectUris().stream().map(URI::create)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        registered.setResponseTypes(Set.of(ResponseType.CODE));
        registered.setGrantTypes(client.grants().stream().map(grant -> new com.nimbusds.oauth2.sdk.GrantType(grant.wireName()))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        registered.setScope(new Scope(client.scopes().stream().sorted().toArray(String[]::new)));
        registered.setTokenEndpointAuthMethod(client.type() == ClientType.PUBLIC ? ClientAuthenticationMethod.NONE
                : client.authenticatesWithKeys() ? ClientAuthenticationMethod.PRIVATE_KEY_JWT : ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        registered.setIDTokenJWSAlg(com.nimbusds.jose.JWSAlgorithm.parse(idTokenAlgorithm));
        client.jwks().ifPresent(keys -> {
            try {
                registered.setJWKSet(com.nimbusds.jose.jwk.JWKSet.parse(keys));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("a registered client's keys are a JWK Set", e);
            }
        });
        OIDCClientInformation information = new OIDCClientInformation(new ClientID(client.id()), Date.from(client.createdAt()), registered,
                secret.map(Secret::new).orElse(null));
        HTTPResponse response = new OIDCClientInformationResponse(information, true).toHTTPResponse();
        response.setCacheControl("no-store");
        response.setPragma("no-cache");
        return response;
    }

    private static ErrorObject invalid(String description) {
        return RegistrationError.INVALID_CLIENT_METADATA.setDescription(describable(description));
    }

    private static HTTPResponse refused(ErrorObject error, String description) {
        return new ClientRegistrationErrorResponse(error.setDescription(describable(description))).toHTTPResponse();
    }

    /**
     * The text with every character RFC 6749 section 5.2 keeps out of {@code error_description}
     * (a quote, a backslash, anything outside printable ASCII) made a {@code ?}: reasons may quote
     * what the client sent.
     */
    static String describable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '?'));
        return safe.toString();
    }
}
