package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.GrantType;

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
        json.put("redirect_uris", client.redirectUris());
        json.put("post_logout_redirect_uris", client.postLogoutRedirectUris());
        json.put("backchannel_logout_uri", client.backchannelLogoutUri().orElse(null));
        json.put("scope", String.join(" ", client.scopes().stream().sorted().toList()));
        json.put("grant_types", client.grants().stream().sorted().map(GrantType::wireName).toList());
        json.put("first_party", client.firstParty());
        json.put("access_token_ttl", client.accessTokenTtl().map(Duration::toSeconds).orElse(null));
        json.put("refresh_token_ttl", client.refreshTokenTtl().map(Duration::toSeconds).orElse(null));
        json.put("created_at", client.createdAt().toString());
        json.put("updated_at", client.updatedAt().toString());
        return json;
    }
}
