package dev.gatehouse.oidc;

import dev.gatehouse.core.client.ClientType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectUriPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example.com/callback",
            "https://app.example.com:8443/oauth2/code/gatehouse?tenant=a",
            "http://127.0.0.1/callback",
            "http://127.0.0.1:51004/callback",
            "http://[::1]/cb",
            "http://localhost:3000/api/auth/callback/gatehouse",
            "http://[::1]:8080/cb",
            "https://10.0.0.1/cb",
            "https://192.168.255.254:65535/cb",
            "https://a1.example.com/cb",
            "https://app.example.com/a..b/.well/cb",
    })
    void webAndLoopbackUrisAreAccepted(String uri) {
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, ClientType.CONFIDENTIAL)).isEmpty();
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, ClientType.PUBLIC)).isEmpty();
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.POST_LOGOUT_REDIRECT, ClientType.CONFIDENTIAL)).isEmpty();
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.BACKCHANNEL_LOGOUT, ClientType.CONFIDENTIAL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "/callback",
            "app.example.com/callback",
            "https://app.example.com/callback#fragment",
            "https://app.example.com/callback#",
            "https://user:pass@app.example.com/callback",
            "https://user@app.example.com/callback",
            "http://app.example.com/callback",
            "http://127.0.0.2/callback",
            "http://localhost.evil.example/callback",
            "https://App.Example.com/callback",
            "HTTPS://app.example.com/callback",
            "https:///callback",
            "https:callback",
            "https://app.example.com/a/../callback",
            "https://app.example.com/./callback",
            "https://app.example.com/a/..",
            "https://app.example.com/call back",
            "https://app.example.com/callback\n",
            "https://app.example.com/caf\u00e9",
            "https://app.example.com/%zz",
            "https://*.example.com/callback",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://app.example.com/callback",
            "myapp:/callback",
            "https://2130706433/cb",
            "https://0x7f000001/cb",
            "https://010.0.0.1/cb",
            "https://10.0.0.256/cb",
            "https://0/cb",
            "https://1.2.3/cb",
            "https://a.example.com:/cb",
            "https://a.example.com:443/cb",
            "http://127.0.0.1:80/cb",
            "https://a.example.com:99999/cb",
            "https://a.example.com:0/cb",
            "https://a.example.com:0443/cb",
            "https://[fe80::1%25en0]/cb",
            "https://[2001:db8::1]/cb",
            "https://a.example.com./cb",
            "https://app.example.com/a/%2e%2e/cb",
            "https://app.example.com/a/%2E/cb",
            "https://app.example.com/a/.%2e",
    })
    void anythingElseIsRefusedWithAReason(String uri) {
        for (ClientType type : ClientType.values()) {
            assertThat(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, type)).as(uri).hasValueSatisfying(reason -> assertThat(reason).contains("redirect URI"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.app:/callback", "com.example.app:/oauth2redirect?x=1"})
    void aPrivateUseSchemeIsOnlyForAPublicClientsRedirects(String uri) {
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, ClientType.PUBLIC)).isEmpty();
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, ClientType.CONFIDENTIAL)).isPresent();
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.POST_LOGOUT_REDIRECT, ClientType.PUBLIC)).isPresent();
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.BACKCHANNEL_LOGOUT, ClientType.PUBLIC)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.app://host/callback", "com.example.app:callback", "Com.example.app:/callback",
            "com.example.app:///callback", "com.example.app:/a/../callback", "com.example.app:/a/%2e%2e/callback"})
    void aPrivateUseSchemeHasTheFormOfRfc8252(String uri) {
        assertThat(RedirectUriPolicy.refusal(uri, UriUse.REDIRECT, ClientType.PUBLIC)).isPresent();
    }
}
