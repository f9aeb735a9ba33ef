package dev.gatehouse.server;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.oidc.ClientChange;
import dev.gatehouse.oidc.ClientJson;
import dev.gatehouse.oidc.ClientRegistration;
import dev.gatehouse.oidc.ClientRegistry;
import dev.gatehouse.server.config.Durations;
import dev.gatehouse.server.config.SettingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gatehouse clients add|list|show|update|delete|rotate-secret}: manage the applications
 * that sign their users in through Gatehouse, straight in the store (the server need not run).
 */
@Command(name = "clients", mixinStandardHelpOptions = true, description = "Manage the applications that sign users in through Gatehouse.",
        subcommands = {ClientsCommand.Add.class, ClientsCommand.ListClients.class, ClientsCommand.Show.class, ClientsCommand.Update.class,
                ClientsCommand.Delete.class, ClientsCommand.RotateSecret.class},
        modelTransformer = SettingOptions.class)
final class ClientsCommand extends StoreCommand {

    /** The options add and update share; on update, an option not given keeps the client's value. */
    static final class ClientOptions {
        @Option(names = "--name", description = "The name users see on the consent page.")
        String name;
        @Option(names = "--type", description = "confidential (a server-side app, with a secret) or public (a browser or native app); default confidential.")
        String type;
        @Option(names = "--jwks-file", description = "A JWK Set file (JSON) of the public keys a confidential client signs its "
                + "token requests with (private_key_jwt) instead of a secret; an empty value (on update) goes back to a secret.")
        String jwksFile;
        @Option(names = "--redirect-uri", description = "Where codes may be sent; repeat for several. Compared exactly. "
                + "An empty value (on update) removes them all.")
        List<String> redirectUris;
        @Option(names = "--post-logout-uri", description = "Where a browser may be sent after logout; repeat for several. "
                + "An empty value (on update) removes them all.")
        List<String> postLogoutUris;
        @Option(names = "--backchannel-logout-uri", description = "Where logout tokens are POSTed; an empty value removes it.")
        String backchannelLogoutUri;
        @Option(names = "--scope", split = "[ ,]", description = "Scopes the client may ask for (repeat, or separate by commas); "
                + "default openid, profile, email for a client that signs users in.")
        List<String> scopes;
        @Option(names = "--grant", split = ",", description = "authorization_code, refresh_token or client_credentials (repeat, or separate by "
                + "commas); default authorization_code and refresh_token with a redirect URI, else client_credentials.")
        List<String> grants;
        @Option(names = "--first-party", arity = "0..1", description = "The operator's own app: no consent page (true or false).")
        Boolean firstParty;
        @Option(names = "--access-token-ttl", description = "Lifetime of its access tokens (like 5m); an empty value means the server's.")
        String accessTokenTtl;
        @Option(names = "--refresh-token-ttl", description = "Lifetime of its refresh tokens (like 30d); an empty value means the server's.")
        String refreshTokenTtl;

        /** A new client's registration: what was given, and the defaults for the rest. */
        ClientRegistration registration(Optional<String> id) {
            ClientType clientType = type == null ? ClientType.CONFIDENTIAL : clientType(type);
            List<String> redirects = redirectUris == null ? List.of() : nonEmpty(redirectUris);
            Set<GrantType> grantTypes = grants != null ? grantTypes(grants) : ClientRegistration.defaultGrants(redirects);
            Set<String> scopeSet = scopes != null ? scopeSet(scopes) : ClientRegistration.defaultScopes(grantTypes);
            if (name == null) {
                throw new CliException("a client needs a --name");
            }
            return new ClientRegistration(id, name, clientType, jwks(jwksFile), redirects, postLogoutUris == null ? List.of() : nonEmpty(postLogoutUris),
                    optionalText(backchannelLogoutUri), scopeSet, grantTypes, Boolean.TRUE.equals(firstParty),
                    duration(accessTokenTtl, "--access-token-ttl"), duration(refreshTokenTtl, "--refresh-token-ttl"));
        }

        /** An existing client's registration with what was given changed. */
        ClientRegistration changes(Client client) {
            return new ClientRegistration(Optional.empty(), name != null ? name : client.name(),
                    type != null ? clientType(type) : client.type(), jwksFile != null ? jwks(jwksFile) : client.jwks(),
                    redirectUris != null ? nonEmpty(redirectUris) : client.redirectUris(),
                    postLogoutUris != null ? nonEmpty(postLogoutUris) : client.postLogoutRedirectUris(),
                    backchannelLogoutUri != null ? optionalText(backchannelLogoutUri) : client.backchannelLogoutUri(),
                    scopes != null ? scopeSet(scopes) : client.scopes(),
                    grants != null ? grantTypes(grants) : client.grants(),
                    firstParty != null ? firstParty : client.firstParty(),
                    accessTokenTtl != null ? duration(accessTokenTtl, "--access-token-ttl") : client.accessTokenTtl(),
                    refreshTokenTtl != null ? duration(refreshTokenTtl, "--refresh-token-ttl") : client.refreshTokenTtl());
        }

        /** The keys file's text, read as UTF-8; empty for no file or an empty value. */
        private static Optional<String> jwks(String file) {
            if (file == null || file.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                throw new CliException("cannot read the keys file " + file + ": " + e.getMessage());
            }
        }

        /** The values given but the empty ones: a lone empty value empties the list. */
        private static List<String> nonEmpty(List<String> values) {
            return values.stream().filter(value -> !value.isEmpty()).toList();
        }

        private static ClientType clientType(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "confidential" -> ClientType.CONFIDENTIAL;
                case "public" -> ClientType.PUBLIC;
                default -> throw new CliException("--type is confidential or public, not " + text);
            };
        }

        private static Set<GrantType> grantTypes(List<String> names) {
            Set<GrantType> result = EnumSet.noneOf(GrantType.class);
            for (String name : names) {
                result.add(GrantType.fromWireName(name.strip())
                        .orElseThrow(() -> new CliException("--grant is authorization_code, refresh_token or client_credentials, not " + name)));
            }
            return result;
        }

        private static Set<String> scopeSet(List<String> names) {
            Set<String> result = new LinkedHashSet<>();
            names.stream().filter(name -> !name.isEmpty()).forEach(result::add);
            return result;
        }

        private static Optional<String> optionalText(String text) {
            return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        private static Optional<Duration> duration(String text, String option) {
            if (text == null || text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Durations.parse(text).filter(d -> !d.isZero())
                    .orElseThrow(() -> new CliException(option + " is a duration like 5m, 12h or 30d, or seconds, not " + text)));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Register a client; a confidential one's secret is shown once.")
    static final class Add implements Runnable {
        @ParentCommand
        ClientsCommand parent;
        @Option(names = "--id", description = "The client_id (A-Z a-z 0-9 . _ -, up to 64); default a random one.")
        String id;
        @Mixin
        ClientOptions options;

        @Override
        public void run() {
            ClientRegistration registration = options.registration(Optional.ofNullable(id));
            try (GatehouseRuntime runtime = parent.open()) {
                ClientChange.Saved saved = saved(runtime.clients().register(registration), Optional.ofNullable(id).orElse("?"));
                parent.out().println("added " + typeName(saved.client()) + " client " + saved.client().id());
                printCredentials(parent.out(), saved);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clients.")
    static final class ListClients implements Runnable {
        @ParentCommand
        ClientsCommand parent;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                PrintWriter out = parent.out();
                out.printf("%-24s  %-12s  %-40s  %s%n", "id", "type", "grants", "name");
                for (Client client : runtime.clients().list()) {
                    out.printf("%-24s  %-12s  %-40s  %s%n", client.id(), typeName(client), grantNames(client), client.name());
                }
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a client as JSON (never its secret).")
    static final class Show implements Runnable {
        @ParentCommand
        ClientsCommand parent;
        @Parameters(paramLabel = "ID", description = "The client_id.")
        String id;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                Client client = runtime.clients().find(id).orElseThrow(() -> new CliException("no such client: " + id));
                parent.out().println(PrettyJson.of(ClientJson.of(client)));
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a client; options not given keep their values. Made confidential, it gets a secret, shown once.")
    static final class Update implements Runnable {
        @ParentCommand
        ClientsCommand parent;
        @Parameters(paramLabel = "ID", description = "The client_id.")
        String id;
        @Mixin
        ClientOptions options;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                ClientRegistry clients = runtime.clients();
                Client client = clients.find(id).orElseThrow(() -> new CliException("no such client: " + id));
                ClientChange.Saved saved = saved(clients.update(id, options.changes(client)), id);
                parent.out().println("updated " + typeName(saved.client()) + " client " + saved.client().id());
                if (saved.secret().isPresent()) {
                    printCredentials(parent.out(), saved);
                }
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a client.")
    static final class Delete implements Runnable {
        @ParentCommand
        ClientsCommand parent;
        @Parameters(paramLabel = "ID", description = "The client_id.")
        String id;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                if (!runtime.clients().delete(id)) {
                    throw new CliException("no such client: " + id);
                }
                parent.out().println("deleted client " + id);
            }
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Give a confidential client a new secret, shown once; the old one stops working at once.")
    static final class RotateSecret implements Runnable {
        @ParentCommand
        ClientsCommand parent;
        @Parameters(paramLabel = "ID", description = "The client_id.")
        String id;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                ClientChange.Saved saved = saved(runtime.clients().rotateSecret(id), id);
                parent.out().println("new secret for client " + saved.client().id());
                printCredentials(parent.out(), saved);
            }
        }
    }

    private static ClientChange.Saved saved(ClientChange change, String id) {
        return switch (change) {
            case ClientChange.Saved saved -> saved;
            case ClientChange.Invalid invalid -> throw new CliException(invalid.reason());
            case ClientChange.IdTaken taken -> throw new CliException("a client with the id " + id + " already exists");
            case ClientChange.NotFound notFound -> throw new CliException("no such client: " + id);
            case ClientChange.Conflict conflict -> throw new CliException("client " + id + " changed meanwhile; run the command again");
        };
    }

    private static void printCredentials(PrintWriter out, ClientChange.Saved saved) {
        out.println("client_id:     " + saved.client().id());
        saved.secret().ifPresent(secret -> {
            out.println("client_secret: " + secret);
            out.println("The secret is shown this once and kept only as a hash: store it now.");
        });
    }

    private static String typeName(Client client) {
        return client.type().name().toLowerCase(Locale.ROOT);
    }

    private static String grantNames(Client client) {
        return String.join(",", client.grants().stream().sorted().map(GrantType::wireName).toList());
    }
}
