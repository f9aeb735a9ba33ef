package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.oidc.ClientRegistration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the admin API's client JSON (the registration metadata names of RFC 7591) into a
 * {@link ClientRegistration}. Every field is checked for its type; a field this endpoint does not
 * read is refused, never ignored, so that a misspelt {@code redirect_uri} cannot leave a client
 * registered without what its operator meant.
 */
final class ClientMetadata {
    /** The fields null may clear; null is refused for the others, which have no "none". */
    private static final Set<String> CLEARABLE = Set.of("client_id", "jwks", "backchannel_logout_uri", "access_token_ttl",
            "refresh_token_ttl");
    private static final Set<String> FIELDS = Set.of("client_id", "client_name", "client_type", "jwks", "redirect_uris", "post_logout_redirect_uris",
            "backchannel_logout_uri", "scope", "grant_types", "first_party", "access_token_ttl", "refresh_token_ttl");

    private final ObjectNode json;

    private ClientMetadata(ObjectNode json) {
        this.json = json;
        Set<String> sent = new TreeSet<>();
        json.properties().forEach(field -> sent.add(field.getKey()));
        new RequestFields(Map.of(), sent).refuseOthersThan(FIELDS);
        sent.stream().filter(name -> json.get(name).isNull() && !CLEARABLE.contains(name)).findFirst().ifPresent(name -> {
            throw new ApiProblem(ProblemCode.INVALID_FIELD, "field '" + name + "' cannot be null");
        });
    }

    /** A new client: {@code client_name} required, the rest defaulted as {@code gatehouse clients add} does. */
    static ClientRegistration registration(ObjectNode json) {
        ClientMetadata metadata = new ClientMetadata(json);
        String name = metadata.text("client_name").orElseThrow(() -> new ApiProblem(ProblemCode.MISSING_FIELD, "field 'client_name' is required"));
        List<String> redirects = metadata.texts("redirect_uris").orElse(List.of());
        Set<GrantType> grants = metadata.grants().orElseGet(() -> ClientRegistration.defaultGrants(redirects));
        return new ClientRegistration(metadata.text("client_id"), name, metadata.type().orElse(ClientType.CONFIDENTIAL), metadata.object("jwks"),
                redirects,
                metadata.texts("post_logout_redirect_uris").orElse(List.of()), metadata.text("backchannel_logout_uri"),
                metadata.scopes().orElseGet(() -> ClientRegistration.defaultScopes(grants)), grants,
                metadata.bool("first_party").orElse(false), metadata.seconds("access_token_ttl"), metadata.seconds("refresh_token_ttl"));
    }

    /** An existing client with the fields sent replaced; null clears an optional field. {@code client_id} may not change. */
    static ClientRegistration changes(ObjectNode json, Client client) {
        ClientMetadata metadata = new ClientMetadata(json);
        if (metadata.text("client_id").filter(id -> !id.equals(client.id())).isPresent()) {
            throw new ApiProblem(ProblemCode.INVALID_FIELD, "field 'client_id' cannot change");
        }
        return new ClientRegistration(Optional.empty(), metadata.text("client_name").orElse(client.name()),
                metadata.type().orElse(client.type()), json.has("jwks") ? metadata.object("jwks") : client.jwks(),
                metadata.texts("redirect_uris").orElse(client.redirectUris()),
                metadata.texts("post_logout_redirect_uris").orElse(client.postLogoutRedirectUris()),
                json.has("backchannel_logout_uri") ? metadata.text("backchannel_logout_uri") : client.backchannelLogoutUri(),
                metadata.scopes().orElse(client.scopes()), metadata.grants().orElse(client.grants()),
                metadata.bool("first_party").orElse(client.firstParty()),
                json.has("access_token_ttl") ? metadata.seconds("access_token_ttl") : client.accessTokenTtl(),
                json.has("refresh_token_ttl") ? metadata.seconds("refresh_token_ttl") : client.refreshTokenTtl());
    }

    private Optional<JsonNode> value(String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private Optional<String> text(String name) {
        return value(name).map(value -> {
            if (!value.isTextual()) {
                throw invalid(name, "a string");
            }
            return value.textValue();
        });
    }

    /** A JSON object, kept as its JSON text (the registry parses and judges it). */
    private Optional<String> object(String name) {
        return value(name).map(value -> {
            if (!value.isObject()) {
                throw invalid(name, "a JSON object");
            }
            return value.toString();
        });
    }

    private Optional<List<String>> texts(String name) {
        return value(name).map(value -> {
            if (!value.isArray()) {
                throw invalid(name, "an array of strings");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw invalid(name, "an array of strings");
                }
                texts.add(item.textValue());
            }
            return List.copyOf(texts);
        });
    }

    private Optional<Boolean> bool(String name) {
        return value(name).map(value -> {
            if (!value.isBoolean()) {
                throw invalid(name, "true or false");
            }
            return value.booleanValue();
        });
    }

    private Optional<Duration> seconds(String name) {
        return value(name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
                throw invalid(name, "a whole number of seconds, at least 1");
            }
            return Duration.ofSeconds(value.longValue());
        });
    }

    private Optional<ClientType> type() {
        return text("client_type").map(text -> switch (text) {
            case "confidential" -> ClientType.CONFIDENTIAL;
            case "public" -> ClientType.PUBLIC;
            default -> throw invalid("client_type", "confidential or public");
        });
    }

    private Optional<Set<GrantType>> grants() {
        return texts("grant_types").map(names -> {
            Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
            for (String name : names) {
                grants.add(GrantType.fromWireName(name).orElseThrow(() -> invalid("grant_types",
                        "a list of authorization_code, refresh_token and client_credentials")));
            }
            return grants;
        });
    }

    /** RFC 7591's {@code scope}: one string, scopes separated by single spaces. */
    private Optional<Set<String>> scopes() {
        return text("scope").map(text -> {
            if (text.isEmpty()) {
                return Set.of();
            }
            if (text.startsWith(" ") || text.endsWith(" ") || text.contains("  ")) {
                throw invalid("scope", "scopes separated by single spaces");
            }
            return new LinkedHashSet<>(Arrays.asList(text.split(" ")));
        });
    }

    private static ApiProblem invalid(String name, String what) {
        return new ApiProblem(ProblemCode.INVALID_FIELD, "field '" + name + "' must be " + what);
    }
}
