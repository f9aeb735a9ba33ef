package dev.gatehouse.server;

import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real nginx with {@code auth_request}, configured with the nginx block of docs/GATEWAY.md
 * (only its addresses changed), in front of the Express test app. nginx is installed by
 * {@code .ci/run}; under {@code CI=true} a missing nginx fails the test instead of skipping it.
 */
@SpawnsProcesses
class NginxForwardAuthTest extends ForwardAuthGatewayTest {
    @Override
    String proxyKind() {
        return "nginx";
    }

    @Override
    Process startProxy(Path dir, int port, int gatehousePort, int appPort) throws IOException {
        Path binary = Executables.require("nginx", List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin", "/opt/homebrew/bin"),
                "Debian: apt-get install nginx");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, nginxConf(dir, port, gatehousePort, appPort));
        return new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e", dir.resolve("error.log").toString(),
                "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    }

    /**
     * nginx makes a relative redirect absolute with the Host the client sent unless told not to;
     * the documented config keeps it relative, so a forged Host never names the login page.
     */
    @Test
    void theLoginRedirectNeverNamesTheHostTheClientSent() {
        RawHttp.Reply reply = RawHttp.send(InetAddress.getLoopbackAddress(), port, "evil.example", "GET", "/app/page",
                List.of("Accept: " + HTML));

        assertThat(reply.status()).as(reply.head()).isEqualTo(302);
        String location = reply.head().lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                .map(line -> line.substring(9).trim()).findFirst().orElseThrow();
        assertThat(location).startsWith("/login").doesNotContainIgnoringCase("evil.example");
    }

    /**
     * docs/GATEWAY.md's nginx block with loopback addresses, inside what a throwaway nginx needs:
     * one process, every file in the temp directory.
     */
    static String nginxConf(Path dir, int port, int gatehousePort, int appPort) {
        String documented = GatewayDocs.substitute(GatewayDocs.block("nginx"), Map.of(
                "listen 80;", "listen 127.0.0.1:" + port + ";",
                "127.0.0.1:8080", "127.0.0.1:" + gatehousePort,
                "127.0.0.1:3000", "127.0.0.1:" + appPort));
        String d = dir.toAbsolutePath().toString();
        return """
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;

                %2$s
                }
                """.formatted(d, documented);
    }
}
