package dev.gatehouse.server;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.jdbc.JdbcClientStore;
import dev.gatehouse.jdbc.JdbcConsentStore;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.oidc.ClientRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse clients ...} through the real command line, on a SQLite file read back by the store. */
class ClientsCliTest {
    private static final Pattern SECRET = Pattern.compile("client_secret: ([A-Za-z0-9_-]{43})");

    @TempDir
    Path dir;

    private String db() {
        return "--db-url=jdbc:sqlite:" + dir.resolve("clients.db");
    }

    private CliRun clients(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "clients";
        all[1] = db();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of("", all);
    }

    private static String secretIn(CliRun run) {
        Matcher matcher = SECRET.matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        return matcher.group(1);
    }

    /** The registry on the same file, as the server would read it. */
    private <T> T withRegistry(Function<ClientRegistry, T> work) {
        try (JdbcDatabase database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("clients.db"))) {
            return work.apply(new ClientRegistry(new JdbcClientStore(database), new JdbcConsentStore(database), Clock.systemUTC()));
        }
    }

    private Optional<Client> authenticate(String id, String secret) {
        return withRegistry(registry -> registry.authenticate(id, secret));
    }

    private Optional<Client> find(String id) {
        return withRegistry(registry -> registry.find(id));
    }

    private List<Client> list() {
        return withRegistry(ClientRegistry::list);
    }

    @Test
    void aConfidentialClientIsAddedWithASecretShownOnceThatAuthenticates() {
        CliRun added = clients("add", "--id", "grafana", "--name", "Grafana", "--redirect-uri", "https://grafana.example.com/login/generic_oauth",
                "--scope", "openid,profile,email,offline_access", "--access-token-ttl", "5m");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("added confidential client grafana").contains("client_id:     grafana");
        String secret = secretIn(added);

        assertThat(authenticate("grafana", secret)).hasValueSatisfying(client -> {
            assertThat(client.grants()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
            assertThat(client.scopes()).containsExactlyInAnyOrder("openid", "profile", "email", "offline_access");
            assertThat(client.accessTokenTtl()).hasValue(Duration.ofMinutes(5));
        });

        CliRun shown = clients("show", "grafana");
        assertThat(shown.code()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("\"client_id\" : \"grafana\"").contains("\"has_secret\" : true").contains("\"access_token_ttl\" : 300")
                .doesNotContain(secret);
    }

    @Test
    void aClientWithAKeysFileHasNoSecretAndAPrivateKeyIsRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Path publicKeys = Files.writeString(dir.resolve("keys.json"), new JWKSet(key.toPublicJWK()).toString());
        Path privateKeys = Files.writeString(dir.resolve("private.json"), new JWKSet(key).toString(false));

        CliRun added = clients("add", "--id", "worker", "--name", "Worker", "--jwks-file", publicKeys.toString());
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).doesNotContain("client_secret:");
        assertThat(find("worker")).hasValueSatisfying(client -> {
            assertThat(client.authenticatesWithKeys()).isTrue();
            assertThat(client.secretHash()).isEmpty();
        });
        assertThat(clients("rotate-secret", "worker").code()).isNotZero();

        CliRun leaky = clients("add", "--id", "leaky", "--name", "Leaky", "--jwks-file", privateKeys.toString());
        assertThat(leaky.code()).isNotZero();
        assertThat(leaky.err()).contains("private key").doesNotContain(key.getD().toString());
        assertThat(clients("add", "--id", "lost", "--name", "Lost", "--jwks-file", dir.resolve("missing.json").toString()).code()).isNotZero();

        CliRun toSecret = clients("update", "worker", "--jwks-file", "");
        assertThat(toSecret.code()).as(toSecret.err()).isZero();
        assertThat(authenticate("worker", secretIn(toSecret))).isPresent();
    }

    @Test
    void aServiceClientDefaultsToClientCredentialsAndAPublicOneHasNoSecret() {
        CliRun service = clients("add", "--id", "billing", "--name", "Billing service");
        assertThat(service.code()).as(service.err()).isZero();
        secretIn(service);
        CliRun spa = clients("add", "--id", "spa", "--name", "SPA", "--type", "public", "--redirect-uri", "http://localhost:5173/callback");
        assertThat(spa.code()).as(spa.err()).isZero();
        assertThat(spa.out()).contains("added public client spa").doesNotContain("client_secret");

        CliRun listed = clients("list");
        assertThat(listed.out()).containsPattern("billing +confidential +client_credentials +Billing service")
                .containsPattern("spa +public +authorization_code,refresh_token +SPA");
    }

    @Test
    void badInputIsRefusedWithAReasonAndStoresNothing() {
        CliRun fragment = clients("add", "--id", "x", "--name", "X", "--redirect-uri", "https://app.example.com/cb#frag");
        assertThat(fragment.code()).isNotZero();
        assertThat(fragment.err()).contains("a redirect URI must not have a fragment");

        CliRun http = clients("add", "--id", "x", "--name", "X", "--redirect-uri", "http://app.example.com/cb");
        assertThat(http.err()).contains("http only on the loopback interface");

        CliRun publicService = clients("add", "--id", "x", "--name", "X", "--type", "public");
        assertThat(publicService.err()).contains("client_credentials needs a confidential client");

        CliRun grant = clients("add", "--id", "x", "--name", "X", "--grant", "password");
        assertThat(grant.err()).contains("--grant is authorization_code, refresh_token or client_credentials, not password");

        CliRun id = clients("add", "--id", "a b", "--name", "X");
        assertThat(id.err()).contains("a client id is 1 to 64 of");

        CliRun ttl = clients("add", "--id", "x", "--name", "X", "--access-token-ttl", "soon");
        assertThat(ttl.err()).contains("--access-token-ttl is a duration");

        assertThat(clients("list").out().lines().count()).isOne();
    }

    @Test
    void aTakenIdIsRefused() {
        assertThat(clients("add", "--id", "grafana", "--name", "Grafana").code()).isZero();
        CliRun again = clients("add", "--id", "grafana", "--name", "Other");
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("a client with the id grafana already exists");
    }

    @Test
    void anUpdateChangesOnlyWhatIsGivenAndKeepsTheSecret() {
        String secret = secretIn(clients("add", "--id", "grafana", "--name", "Grafana", "--redirect-uri", "https://grafana.example.com/cb"));

        CliRun updated = clients("update", "grafana", "--name", "Grafana (prod)", "--redirect-uri", "https://grafana.example.com/cb",
                "--redirect-uri", "https://grafana2.example.com/cb", "--first-party", "--backchannel-logout-uri", "https://grafana.example.com/bc");
        assertThat(updated.code()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("updated confidential client grafana").doesNotContain("client_secret");

        assertThat(authenticate("grafana", secret)).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo("Grafana (prod)");
            assertThat(client.redirectUris()).containsExactly("https://grafana.example.com/cb", "https://grafana2.example.com/cb");
            assertThat(client.firstParty()).isTrue();
            assertThat(client.backchannelLogoutUri()).hasValue("https://grafana.example.com/bc");
            assertThat(client.scopes()).containsExactlyInAnyOrder("openid", "profile", "email");
        });

        assertThat(clients("update", "grafana", "--backchannel-logout-uri", "", "--post-logout-uri", "").code()).isZero();
        assertThat(find("grafana").orElseThrow().postLogoutRedirectUris()).isEmpty();
        assertThat(find("grafana").orElseThrow().backchannelLogoutUri()).isEmpty();
        assertThat(clients("update", "nobody", "--name", "X").err()).contains("no such client: nobody");
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAndADeletedClientIsGone() {
        String old = secretIn(clients("add", "--id", "billing", "--name", "Billing"));

        CliRun rotated = clients("rotate-secret", "billing");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        String fresh = secretIn(rotated);
        assertThat(authenticate("billing", old)).isEmpty();
        assertThat(authenticate("billing", fresh)).isPresent();

        assertThat(clients("add", "--id", "spa", "--name", "SPA", "--type", "public", "--redirect-uri", "http://127.0.0.1/cb").code()).isZero();
        assertThat(clients("rotate-secret", "spa").err()).contains("a public client has no secret to rotate");

        assertThat(clients("delete", "billing").out()).contains("deleted client billing");
        assertThat(clients("delete", "billing").err()).contains("no such client: billing");
        assertThat(clients("show", "billing").err()).contains("no such client: billing");
        assertThat(find("spa").orElseThrow().type()).isEqualTo(ClientType.PUBLIC);
        assertThat(list()).hasSize(1);
    }
}
