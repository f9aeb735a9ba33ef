package dev.gatehouse.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;

import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client as the admin API and {@code gatehouse clients show} write it: the registration
 * metadata names of RFC 7591 where there is one, and never the secret or its hash.
 */
public final class ClientJson {
    private ClientJson() {
    }

    /**
     * The client's fields, in a stable order, ready for a JSON writer.
     *
     * @param client the client
     * @return the fields; absent optional values are null
     */
    public static Map<String, Object> of(Client client) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", client.id());
        json.put("client_name", client.name());
        json.put("client_type", client.type().name().toLowerCase(Locale.ROOT));
        json.put("has_secret", client.secretHash().isPresent());
        json.put("token_endpoint_auth_method", authMethod(client));
        json.put("jwks", client.jwks().map(ClientJson::keys).orElse(null));
        json.put("redirect_uris", client.redirectUris());
        json.put("post_logout_redirect_uris", client.postLogoutRedirectUris());
        json.put("backchannel_logout_uri", client.backchannelLogoutUri().orElse(null));
        json.put("scope", String.join(" ", client.scopes().stream().sorted().toList()));
        json.put("grant_types", client.grants().stream().sorted().map(GrantType::wireName).toList());
        json.put("first_party", client.firstParty());
        json.put("self_registered", client.selfRegistered());
        json.put("access_token_ttl", client.accessTokenTtl().map(Duration::toSeconds).orElse(null));
        json.put("refresh_token_ttl", client.refreshTokenTtl().map(Duration::toSeconds).orElse(null));
        json.put("created_at", client.createdAt().toString());
        json.put("updated_at", client.updatedAt().toString());
        return json;
    }

    /** RFC 7591's name for how the client authenticates; a secret may also be sent in the body. */
    private static String authMethod(Client client) {
        if (client.type() == ClientType.PUBLIC) {
            return "none";
        }
        return client.authenticatesWithKeys() ? "private_key_jwt" : "client_secret_basic";
    }

    private static Map<String, Object> keys(String jwks) {
        try {
            return JSONObjectUtils.parse(jwks);
        } catch (ParseException e) {
            throw new IllegalStateException("a registered client's keys are a JWK Set", e);
        }
    }
}
