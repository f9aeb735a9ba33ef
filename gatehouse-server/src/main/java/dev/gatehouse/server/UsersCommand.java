package dev.gatehouse.server;

import dev.gatehouse.server.config.SettingOptions;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.RoleChange;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import dev.gatehouse.core.user.UserService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code gatehouse users add|list|delete|passwd|set-role}: manage users straight in the store (the server
 * need not run; with SQLite it may, WAL lets both work on the file).
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users in the store.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Delete.class, UsersCommand.Passwd.class,
                UsersCommand.SetRole.class},
        modelTransformer = SettingOptions.class)
final class UsersCommand extends StoreCommand {

    /** Where a password comes from: stdin for scripts, else a prompt without echo. */
    static final class PasswordSource {
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        String read(String prompt) {
            if (!stdin && System.console() != null) {
                char[] typed = System.console().readPassword(prompt);
                if (typed == null) {
                    throw new CliException("no password given");
                }
                return new String(typed);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new CliException("no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new CliException("could not read the password from standard input");
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static final class Add implements Runnable {
        @ParentCommand
        UsersCommand parent;
        @Option(names = "--email", description = "Email address (this and/or --username).")
        String email;
        @Option(names = "--username", description = "Username (this and/or --email).")
        String username;
        @Option(names = "--first-name")
        String firstName;
        @Option(names = "--last-name")
        String lastName;
        @Option(names = "--name")
        String name;
        @Option(names = "--admin", description = "Give the user the admin role.")
        boolean admin;
        @ArgGroup(exclusive = false)
        PasswordSource password = new PasswordSource();

        @Override
        public void run() {
            String secret = password.read("Password for the new user: ");
            try (GatehouseRuntime runtime = parent.open()) {
                NewUser request = new NewUser(Optional.ofNullable(email), Optional.ofNullable(username), secret,
                        new UserNames(Optional.ofNullable(firstName), Optional.ofNullable(lastName), Optional.ofNullable(name)),
                        admin ? Role.ADMIN : Role.COMMON);
                switch (runtime.gatehouse().users().register(request)) {
                    case Registration.Registered r -> parent.out().println("added " + r.user().role().wireName() + " " + r.user().label() + " " + r.user().id());
                    case Registration.Conflict c -> throw new CliException("a user with this email or username already exists");
                    case Registration.Invalid i -> throw new CliException(i.message());
                }
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Runnable {
        @ParentCommand
        UsersCommand parent;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                UserService users = runtime.gatehouse().users();
                PrintWriter out = parent.out();
                out.printf("%-36s  %-6s  %-30s  %s%n", "id", "role", "email", "username");
                int offset = 0;
                List<User> page;
                do {
                    page = users.list(offset, 500);
                    page.forEach(u -> out.printf("%-36s  %-6s  %-30s  %s%n", u.id(), u.role().wireName(), u.email().orElse("-"), u.username().orElse("-")));
                    offset += page.size();
                } while (page.size() == 500);
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user and end their sessions.")
    static final class Delete implements Runnable {
        @ParentCommand
        UsersCommand parent;
        @Parameters(paramLabel = "LOGIN", description = "Email or username.")
        String login;

        @Override
        public void run() {
            try (GatehouseRuntime runtime = parent.open()) {
                User user = find(runtime, login);
                // Ends their sessions and tokens too, wherever they are kept (Redis has no cascade).
                runtime.gatehouse().accounts().deleteUser(user.id());
                parent.out().println("deleted " + user.label());
            }
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password and end their sessions.")
    static final class Passwd implements Runnable {
        @ParentCommand
        UsersCommand parent;
        @Parameters(paramLabel = "LOGIN", description = "Email or username.")
        String login;
        @ArgGroup(exclusive = false)
        PasswordSource password = new PasswordSource();

        @Override
        public void run() {
            String secret = password.read("New password: ");
            try (GatehouseRuntime runtime = parent.open()) {
                User user = find(runtime, login);
                AccountService accounts = runtime.gatehouse().accounts();
                switch (accounts.setPassword(user.id(), secret)) {
                    case PasswordChange.Changed c -> parent.out().println("password changed for " + user.label());
                    case PasswordChange.Invalid i -> throw new CliException(i.message());
                    case PasswordChange.UserNotFound n -> throw new CliException("no such user: " + login);
                    case PasswordChange.WrongCurrentPassword w -> throw new IllegalStateException("no current password is asked here");
                }
            }
        }
    }

    @Command(name = "set-role", mixinStandardHelpOptions = true,
            description = "Give a user the admin or the common role; a demoted admin's tokens end. The last admin cannot be demoted.")
    static final class SetRole implements Runnable {
        @ParentCommand
        UsersCommand parent;
        @Parameters(index = "0", paramLabel = "LOGIN", description = "Email or username.")
        String login;
        @Parameters(index = "1", paramLabel = "ROLE", description = "admin or common.")
        String role;

        @Override
        public void run() {
            Role wanted = Role.fromWireName(role).orElseThrow(() -> new CliException("the role must be admin or common, not " + role));
            try (GatehouseRuntime runtime = parent.open()) {
                User user = find(runtime, login);
                switch (runtime.gatehouse().accounts().changeRole(user.id(), wanted)) {
                    case RoleChange.Changed c -> parent.out().println(c.user().label() + " is " + c.user().role().wireName());
                    case RoleChange.UserNotFound n -> throw new CliException("no such user: " + login);
                    case RoleChange.LastAdmin l -> throw new CliException(user.label() + " is the only admin; make another admin first");
                }
            }
        }
    }

    private static User find(GatehouseRuntime runtime, String login) {
        return runtime.gatehouse().users().findByLogin(login).orElseThrow(() -> new CliException("no such user: " + login));
    }
}
