package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectUriMatchTest {
    private static Client client(ClientType type, String... redirectUris) {
        return new Client("app", "App", type, type == ClientType.PUBLIC ? Optional.empty() : Optional.of("hash"), Optional.empty(), List.of(redirectUris),
                List.of(), Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, false, Optional.empty(), Optional.empty(),
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aRegisteredUriMatchesExactlyAndOnlyExactly() {
        Client web = client(ClientType.CONFIDENTIAL, "https://app.example.com/cb?x=1");
        assertThat(RedirectUriMatch.matches(web, "https://app.example.com/cb?x=1")).isTrue();
        for (String near : List.of("https://app.example.com/cb?x=1&y=2", "https://app.example.com/cb", "https://app.example.com/cb?x=2",
                "https://app.example.com:443/cb?x=1", "https://APP.example.com/cb?x=1", "https://app.example.com/cb/?x=1",
                "https://app.example.com/cb?x=1#f", "https://app.example.com/%63b?x=1")) {
            assertThat(RedirectUriMatch.matches(web, near)).as(near).isFalse();
        }
    }

    @Test
    void aNativeAppOnTheLoopbackInterfaceMayUseAnyPort() {
        Client nativeApp = client(ClientType.PUBLIC, "http://127.0.0.1/callback", "http://[::1]/cb?a=b");
        assertThat(RedirectUriMatch.matches(nativeApp, "http://127.0.0.1:51004/callback")).isTrue();
        assertThat(RedirectUriMatch.matches(nativeApp, "http://[::1]:8080/cb?a=b")).isTrue();
        assertThat(RedirectUriMatch.matches(client(ClientType.CONFIDENTIAL, "http://127.0.0.1/callback"), "http://127.0.0.1:51004/callback"))
                .as("never for a confidential client").isFalse();
        assertThat(RedirectUriMatch.matches(client(ClientType.PUBLIC, "http://localhost/callback"), "http://localhost:51004/callback"))
                .as("not for localhost, which a hosts file may send elsewhere").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:51004/callback/", "http://127.0.0.1:51004/Callback", "http://127.0.0.1:51004/callback?x=1",
            "http://127.0.0.1:51004/callback#f", "http://user@127.0.0.1:51004/callback", "http://127.0.0.2:51004/callback",
            "https://127.0.0.1:51004/callback", "http://127.0.0.1:0/callback", "http://127.0.0.1:99999/callback",
            "http://127.0.0.1:051004/callback", "http://127.0.0.1:+51004/callback", "http://[::1]:51004/callback",
            "http://127.0.0.1:51004/%63allback", "http://0x7f.0.0.1:51004/callback"})
    void onlyThePortMayDiffer(String requested) {
        assertThat(RedirectUriMatch.matches(client(ClientType.PUBLIC, "http://127.0.0.1/callback"), requested)).as(requested).isFalse();
    }
}
