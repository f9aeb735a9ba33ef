package dev.gatehouse.server;

import dev.gatehouse.server.config.SettingOptions;
import dev.gatehouse.core.token.DataTokenService;
import dev.gatehouse.core.token.DataTokenVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse token create|verify}: the data token service on the command line. Without
 * {@code --key} both use the server's own secret ({@code TOKEN_SERVICE_SECRET}, else the one kept
 * in the store), so a token made here verifies on the server and the other way round.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create and verify token-service (HS512) tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.Verify.class},
        modelTransformer = SettingOptions.class)
final class TokenCommand extends StoreCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Print a new token carrying the data.")
    static final class Create implements Runnable {
        @ParentCommand
        TokenCommand parent;
        @Option(names = "--data", required = true, description = "The user data to carry (payload.data).")
        String data;
        @Option(names = "--key", description = "Sign with this text's UTF-8 bytes (at least 64) instead of the server's secret.")
        String key;

        @Override
        public void run() {
            if (key != null) {
                DataTokenService service;
                try {
                    service = new DataTokenService(key.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
                } catch (IllegalArgumentException e) {
                    throw new CliException("--key: " + e.getMessage());
                }
                parent.out().println(service.create(data));
                return;
            }
            try (GatehouseRuntime runtime = parent.open()) {
                parent.out().println(runtime.dataTokens().create(data));
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Print the token's header, claims and whether its signature verifies; exit 0 when it does, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Parameters(paramLabel = "TOKEN", description = "The compact JWS.")
        String token;
        @Option(names = "--key", description = "Verify with this text's UTF-8 bytes instead of the server's secret.")
        String key;
        @Option(names = "--jwks", description = "Verify an access token against the public keys at this JWKS URL "
                + "(signature and algorithm policy only; claims are printed, not judged).")
        String jwks;

        @Override
        public Integer call() {
            if (jwks != null) {
                if (key != null) {
                    throw new CliException("give --key or --jwks, not both");
                }
                return JwksVerification.run(token, jwks, parent.out());
            }
            DataTokenVerification result;
            if (key != null) {
                result = DataTokenService.verifyWithKey(token, key);
            } else {
                try (GatehouseRuntime runtime = parent.open()) {
                    result = runtime.dataTokens().verify(token, Optional.empty());
                }
            }
            return switch (result) {
                case DataTokenVerification.Malformed m -> throw new CliException("malformed token: " + m.detail());
                case DataTokenVerification.Decoded d -> {
                    parent.out().println(json(d));
                    yield d.signatureVerified() ? 0 : 1;
                }
            };
        }

        private static String json(DataTokenVerification.Decoded decoded) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("header", decoded.header());
            body.put("claims", decoded.claims());
            body.put("signature_verified", decoded.signatureVerified());
            decoded.reason().ifPresent(reason -> body.put("reason", reason.code()));
            return PrettyJson.of(body);
        }
    }
}
