package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.keys.KeyRejectedException;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.token.JwsCheck;
import dev.gatehouse.core.token.JwsSignatureCheck;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gatehouse token verify TOKEN --jwks URL}: checks a token's signature against a JWKS the
 * way a resource server would, by kid and under each key's own algorithm only.
 */
final class JwksVerification {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private JwksVerification() {
    }

    /** Prints header, claims and the verdict; exit 0 when the signature verifies, 1 when not. */
    static int run(String token, String jwksUrl, PrintWriter out) {
        List<SigningKey> keys = fetch(jwksUrl);
        JwsCheck check = new JwsSignatureCheck().verify(token, kid -> keys.stream().filter(k -> k.kid().equals(kid)).findFirst());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("header", part(token, 0));
        body.put("claims", part(token, 1));
        body.put("signature_verified", check instanceof JwsCheck.Verified);
        if (check instanceof JwsCheck.Rejected rejected) {
            body.put("reason", rejected.reason().code());
        }
        out.println(PrettyJson.of(body));
        return check instanceof JwsCheck.Verified ? 0 : 1;
    }

    private static List<SigningKey> fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException("--jwks is not a URL: " + url);
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("the JWKS at " + url + " answered " + response.statusCode());
            }
            return SigningKeys.fromJwkSet(response.body());
        } catch (IOException e) {
            throw new CliException("could not fetch the JWKS at " + url + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while fetching the JWKS");
        } catch (KeyRejectedException | IllegalArgumentException e) {
            throw new CliException("the JWKS at " + url + " was refused: " + e.getMessage());
        }
    }

    /** A part of the token decoded for display only; nothing here is trusted. */
    private static Optional<JsonNode> part(String token, int index) {
        String[] parts = token.split("\\.", -1);
        if (parts.length <= index) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[index])));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
