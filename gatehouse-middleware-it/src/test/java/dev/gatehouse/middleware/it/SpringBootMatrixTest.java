package dev.gatehouse.middleware.it;

import dev.gatehouse.middleware.RunningGatehouse;
import dev.gatehouse.middleware.it.boot.MatrixApplication;
import dev.gatehouse.middleware.matrix.HostileMatrix;
import dev.gatehouse.middleware.matrix.MatrixGatehouse;
import dev.gatehouse.middleware.matrix.RawRequest;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HostileMatrix} against a Spring Boot 4 app (Tomcat 11, Spring MVC 7) with the
 * hidden-method filter on and Spring WebSocket handlers, at the root and under /app, the guard
 * registered with the docs' FilterRegistrationBean.
 */
class SpringBootMatrixTest {
    @RegisterExtension
    static final MatrixGatehouse gatehouse = new MatrixGatehouse();

    @ParameterizedTest(name = "context path \"{0}\"")
    @ValueSource(strings = {"", "/app"})
    void theGuardJudgesEveryRequestAndEveryUpgrade(String contextPath) {
        try (ConfigurableApplicationContext app = start(contextPath)) {
            int port = port(app);
            assertThat(filterOrder(app)).containsExactly("characterEncodingFilter", "gatehouse", "hiddenHttpMethodFilter",
                    "formContentFilter", "requestContextFilter", "Tomcat WebSocket (JSR356) Filter");

            // What the guard stands between: every way the hidden-method filter reads _method turns an admin's POST
            // into the DELETE handler, and none gets a common user there.
            for (HiddenMethod post : HiddenMethod.values()) {
                assertThat(post.send(port, contextPath, gatehouse.adminToken()).header(HostileMatrix.HANDLER_HEADER)).as("admin " + post).hasValue("items-delete");
                assertThat(post.send(port, contextPath, gatehouse.commonToken()).status()).as("common " + post).isEqualTo(403);
            }
            // Spring's handshake is a DispatcherServlet request, so the guard answers it before any upgrade.
            RawRequest.Reply handshake = RawRequest.send(port, "GET", contextPath + "/admin/ws", List.of("Upgrade: websocket",
                    "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"), "");
            assertThat(handshake.status()).isEqualTo(401);
            assertThat(handshake.header("WWW-Authenticate")).isEqualTo(Optional.of("Bearer"));
            // The guard reads _method from the form after the app's charset is set, so the app still reads UTF-8 fields.
            assertThat(RawRequest.send(port, "POST", contextPath + "/public/form", List.of("Content-Type: application/x-www-form-urlencoded"),
                    "name=%C3%A9t%C3%A9").body()).isEqualTo("été");

            HostileMatrix matrix = gatehouse.matrix(port, contextPath);
            assertThat(matrix.sweep()).isEmpty();
            assertThat(matrix.webSocketSweep()).isEmpty();
            assertThat(matrix.signInSweep()).isEmpty();
        }
    }

    /** A POST to /items/1 asking to be run as DELETE, each way Spring's HiddenHttpMethodFilter (request.getParameter) reads. */
    enum HiddenMethod {
        QUERY("?_method=DELETE", List.of(), ""),
        ESCAPED_QUERY("?%5Fmethod=DELETE", List.of(), ""),
        FORM("", List.of("Content-Type: APPLICATION/X-WWW-FORM-URLENCODED"), "_method=DELETE"),
        // RawRequest adds a Content-Length as well; Tomcat reads the chunks, as Transfer-Encoding wins.
        CHUNKED_FORM("", List.of("Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"), "e\r\n_method=DELETE\r\n0\r\n\r\n"),
        // Boot gives the DispatcherServlet a multipart config, so Tomcat reads multipart fields as parameters too.
        MULTIPART("", List.of("Content-Type: multipart/form-data; boundary=b0undary"),
                "--b0undary\r\nContent-Disposition: form-data; name=\"_method\"\r\n\r\nDELETE\r\n--b0undary--\r\n");

        private final String query;
        private final List<String> headers;
        private final String body;

        HiddenMethod(String query, List<String> headers, String body) {
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        RawRequest.Reply send(int port, String contextPath, String token) {
            List<String> lines = new ArrayList<>(headers);
            lines.add("Authorization: Bearer " + token);
            return RawRequest.send(port, "POST", contextPath + "/items/1" + query, lines, body);
        }
    }

    private static ConfigurableApplicationContext start(String contextPath) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.address", "127.0.0.1", "server.port", "0", "spring.main.banner-mode", "off",
                "spring.mvc.hiddenmethod.filter.enabled", "true",
                "gatehouse.issuer", RunningGatehouse.ISSUER, "gatehouse.jwks", gatehouse.jwks().toString()));
        if (!contextPath.isEmpty()) {
            properties.put("server.servlet.context-path", contextPath);
        }
        return new SpringApplicationBuilder(MatrixApplication.class).properties(properties).run();
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** The filters in the order Tomcat chains them. */
    private static List<String> filterOrder(ConfigurableApplicationContext app) {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) app).getWebServer();
        Context context = (Context) server.getTomcat().getHost().findChildren()[0];
        return Arrays.stream(context.findFilterMaps()).map(FilterMap::getFilterName).toList();
    }
}
