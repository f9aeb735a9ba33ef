package dev.gatehouse.middleware.matrix;

import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.RunningGatehouse;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;

/**
 * The Gatehouse every sweep signs its callers in at: a running server, a common user's and an
 * admin's access token from it, and the guard each integration under test is given. Registered
 * on a test class ({@code @RegisterExtension static final MatrixGatehouse gatehouse = new MatrixGatehouse();}),
 * it runs for the class's tests.
 */
public final class MatrixGatehouse implements BeforeAllCallback, AfterAllCallback {
    private RunningGatehouse server;
    private String commonToken;
    private String adminToken;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new RunningGatehouse();
        commonToken = server.adaToken();
        adminToken = server.adminToken();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The server's key set, for a guard the app builds itself (Spring Boot's configuration). */
    public URI jwks() {
        return server.jwks();
    }

    public String commonToken() {
        return commonToken;
    }

    public String adminToken() {
        return adminToken;
    }

    /** {@link HostileMatrix#RULES}, sending signed-out browsers to {@link HostileMatrix#LOGIN_URL}. */
    public GatehouseGuard guard() {
        return GatehouseGuard.builder(RunningGatehouse.ISSUER, server.jwks()).rules(HostileMatrix.RULES).loginUrl(HostileMatrix.LOGIN_URL).build();
    }

    /** The sweep of an app listening on {@code port}, deployed at {@code contextPath}. */
    public HostileMatrix matrix(int port, String contextPath) {
        return new HostileMatrix(port, contextPath, commonToken, adminToken);
    }
}
