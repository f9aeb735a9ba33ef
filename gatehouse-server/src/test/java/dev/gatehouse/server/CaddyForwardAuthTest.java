package dev.gatehouse.server;

import dev.gatehouse.testing.SpawnsProcesses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Caddy with {@code forward_auth}, configured with the Caddyfile block of docs/GATEWAY.md
 * (only its addresses changed), in front of the Express test app. Caddy is installed by
 * {@code .ci/run} (Debian's {@code caddy}); under {@code CI=true} a missing Caddy fails the test.
 */
@SpawnsProcesses
class CaddyForwardAuthTest extends ForwardAuthGatewayTest {
    @Override
    String proxyKind() {
        return "caddy";
    }

    /** Caddy answers a request for a host it has no site for (and {@code OPTIONS *}) with an empty 200 of its own. */
    @Override
    boolean answeredForNoSite(String target, int status) {
        return status == 200 && (target.startsWith("http://evil.example/") || target.equals("*"));
    }

    @Override
    Process startProxy(Path dir, int port, int gatehousePort, int appPort) throws IOException {
        Path binary = Executables.require("caddy", List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"), "Debian: apt-get install caddy");
        Path conf = dir.resolve("Caddyfile");
        Files.writeString(conf, caddyfile(port, gatehousePort, appPort));
        ProcessBuilder caddy = new ProcessBuilder(binary.toString(), "run", "--config", conf.toString(), "--adapter", "caddyfile")
                .redirectErrorStream(true).redirectOutput(dir.resolve("caddy.out").toFile());
        // Caddy keeps its state under $HOME or $XDG_*: a throwaway one stays in the temp directory.
        caddy.environment().put("HOME", dir.toString());
        caddy.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        caddy.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return caddy.start();
    }

    /**
     * docs/GATEWAY.md's Caddyfile with loopback addresses, after global options that keep a test
     * Caddy to itself: no admin endpoint (its fixed port would collide) and plain HTTP.
     */
    static String caddyfile(int port, int gatehousePort, int appPort) {
        String documented = GatewayDocs.substitute(GatewayDocs.block("caddyfile"), Map.of(
                "app.example.com {", "http://127.0.0.1:" + port + " {",
                "gatehouse:8080", "127.0.0.1:" + gatehousePort,
                "app:3000", "127.0.0.1:" + appPort));
        return """
                {
                	admin off
                	auto_https off
                }

                """ + documented;
    }
}
