package dev.gatehouse.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.user.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an access rules file (YAML) into {@link AccessRules}. Every problem is collected and
 * named with its rule and field; nothing is guessed: an unknown key, a bad regex or an unknown
 * role refuses the whole file, because a typo must never quietly weaken a rule.
 *
 * <pre>{@code
 * default:
 *   policy: authenticated          # public | authenticated | deny | {roles: [admin]}; default authenticated
 *   signed_out_page: /login.html   # optional: where a signed-out browser goes for pages no rule names
 * rules:                           # required; first match wins; "rules: []" for none
 *   - name: static assets          # required, unique: problems and logs name it
 *     path_prefix: /assets/        # a prefix on segment boundaries...
 *     policy: public
 *   - name: login page
 *     path: ^/login\.html$         # ...or a regex over the whole path, case-insensitive (exactly one)
 *     policy: public
 *     signed_in_page: /index.html  # a signed-in browser is sent here
 *   - name: admin api
 *     host: ^api\.example\.com$    # optional regex over the whole host, case-insensitive
 *     path_prefix: /admin
 *     methods: [GET, POST]         # optional; default any
 *     policy: {roles: [admin]}
 *   - name: app pages
 *     path: ^/index\.html$
 *     policy: authenticated
 *     signed_out_page: /login.html # a signed-out browser is sent here
 * }</pre>
 *
 * See {@code docs/RULES.md}.
 */
public final class RulesFile {
    private static final Set<String> TOP_KEYS = Set.of("default", "rules");
    private static final Set<String> DEFAULT_KEYS = Set.of("policy", "signed_out_page");
    private static final Set<String> RULE_KEYS = Set.of("name", "host", "path", "path_prefix", "methods", "policy",
            "signed_in_page", "signed_out_page");
    private static final Set<String> METHODS = new LinkedHashSet<>(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT"));

    // Duplicate keys refused: with "policy: public" written twice, which one wins is a trap.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<String> problems = new ArrayList<>();

    private RulesFile() {
    }

    /**
     * Reads and parses a rules file; an unreadable file is a {@link RulesFileException} too.
     *
     * @param file the rules file, read as UTF-8
     * @return the file's rules
     * @throws RulesFileException naming every problem when the file cannot be read or is bad
     */
    public static AccessRules load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesFileException(file.toString(), List.of("cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses rules file text.
     *
     * @param yaml the text of a rules file
     * @return the rules it describes
     * @throws RulesFileException naming every problem when the text is not a good rules file
     */
    public static AccessRules parse(String yaml) {
        return parse(yaml, "(text)");
    }

    static AccessRules parse(String yaml, String source) {
        RulesFile reader = new RulesFile();
        AccessRules rules = reader.read(yaml);
        if (!reader.problems.isEmpty()) {
            throw new RulesFileException(source, reader.problems);
        }
        return rules;
    }

    private AccessRules read(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            problems.add("not valid YAML" + where(e.getLocation()) + ": " + oneLine(e.getOriginalMessage()));
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            // Most often a file caught half-written: refusing it keeps the rules in force.
            problems.add("the file is empty; write 'rules: []' for no rules");
            return null;
        }
        if (!root.isObject()) {
            problems.add("the file must be a mapping with 'default' and 'rules'");
            return null;
        }
        unknownKeys(root, TOP_KEYS, "");
        Policy defaultPolicy = new Policy.Authenticated();
        PageRedirects defaultPages = PageRedirects.none();
        JsonNode defaults = root.get("default");
        if (defaults != null) {
            if (!defaults.isObject()) {
                problems.add("default: must be a mapping with 'policy' and optionally 'signed_out_page'");
            } else {
                if (defaults.has("signed_in_page")) {
                    problems.add("default: signed_in_page is not allowed: it would send a signed-in browser away from every page no rule names");
                }
                unknownKeys(((ObjectNode) defaults).deepCopy().without("signed_in_page"), DEFAULT_KEYS, "default: ");
                if (defaults.has("policy")) {
                    defaultPolicy = policy(defaults.get("policy"), "default: ");
                }
                defaultPages = new PageRedirects(Optional.empty(), page(defaults, "signed_out_page", "default: "));
            }
        }
        JsonNode rulesNode = root.get("rules");
        List<AccessRule> rules = new ArrayList<>();
        if (rulesNode == null) {
            problems.add("rules: missing; write 'rules: []' for none");
        } else if (!rulesNode.isArray()) {
            problems.add("rules: must be a list of rules, each starting with '- name:'");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < rulesNode.size(); i++) {
                AccessRule rule = rule(rulesNode.get(i), i + 1, names);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return problems.isEmpty() && defaultPolicy != null ? new AccessRules(rules, defaultPolicy, defaultPages) : null;
    }

    private AccessRule rule(JsonNode node, int number, Set<String> names) {
        if (!node.isObject()) {
            problems.add("rule #" + number + ": must be a mapping with name, path or path_prefix, and policy");
            return null;
        }
        Optional<String> name = text(node, "name", "rule #" + number + ": ").filter(n -> !n.isBlank());
        String at = "rule #" + number + name.map(n -> " \"" + n + "\"").orElse("") + ": ";
        if (name.isEmpty()) {
            if (!node.has("name")) {
                problems.add(at + "name: missing; every rule needs one, problems and logs name it");
            }
        } else if (!names.add(name.get().toLowerCase(Locale.ROOT))) {
            problems.add(at + "name: another rule has the same name");
        }
        int before = problems.size();
        unknownKeys(node, RULE_KEYS, at);
        Optional<Pattern> host = text(node, "host", at).map(h -> regex(h, at + "host: "));
        PathPattern path = path(node, at);
        Set<String> methods = methods(node.get("methods"), at);
        Policy policy = null;
        if (!node.has("policy")) {
            problems.add(at + "policy: missing; write public, authenticated, deny or {roles: [...]}");
        } else {
            policy = policy(node.get("policy"), at);
        }
        PageRedirects pages = new PageRedirects(page(node, "signed_in_page", at), page(node, "signed_out_page", at));
        if (problems.size() > before || name.isEmpty() || path == null || policy == null
                || host.map(h -> h == INVALID).orElse(false)) {
            return null;
        }
        return new AccessRule(name.get(), host, path, methods, policy, pages);
    }

    private static final Pattern INVALID = Pattern.compile("(?!)");

    private PathPattern path(JsonNode node, String at) {
        boolean hasPath = node.has("path");
        boolean hasPrefix = node.has("path_prefix");
        if (hasPath == hasPrefix) {
            problems.add(at + (hasPath ? "path and path_prefix: give only one" : "path or path_prefix: missing; give exactly one"));
            return null;
        }
        if (hasPath) {
            return text(node, "path", at).map(p -> regex(p, at + "path: ")).filter(p -> p != INVALID)
                    .<PathPattern>map(PathPattern.Regex::new).orElse(null);
        }
        Optional<String> prefix = text(node, "path_prefix", at);
        if (prefix.isEmpty()) {
            return null;
        }
        if (!prefix.get().startsWith("/")) {
            problems.add(at + "path_prefix: must start with '/', not '" + prefix.get() + "'");
            return null;
        }
        return new PathPattern.Prefix(prefix.get());
    }

    private Pattern regex(String source, String at) {
        try {
            return Pattern.compile(source, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            problems.add(at + "not a valid regular expression '" + source + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            return INVALID;
        }
    }

    private Set<String> methods(JsonNode node, String at) {
        if (node == null) {
            return Set.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            // An empty list would mean "any method": say so by leaving the key out instead.
            problems.add(at + "methods: must be a non-empty list such as [GET, POST]; leave it out for any method");
            return Set.of();
        }
        Set<String> methods = new LinkedHashSet<>();
        for (JsonNode method : node) {
            String name = method.isTextual() ? method.asText().trim().toUpperCase(Locale.ROOT) : "";
            if (!METHODS.contains(name)) {
                problems.add(at + "methods: unknown method '" + method.asText() + "' (use " + String.join(", ", METHODS) + ")");
            } else {
                methods.add(name);
            }
        }
        return methods;
    }

    private Policy policy(JsonNode node, String at) {
        if (node.isTextual()) {
            return switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
                case "public" -> new Policy.Public();
                case "authenticated" -> new Policy.Authenticated();
                case "deny" -> new Policy.Deny();
                default -> {
                    problems.add(at + "policy: unknown policy '" + node.asText() + "' (use public, authenticated, deny or {roles: [...]})");
                    yield null;
                }
            };
        }
        if (!node.isObject() || !node.has("roles")) {
            problems.add(at + "policy: must be public, authenticated, deny or {roles: [...]}");
            return null;
        }
        unknownKeys(node, Set.of("roles"), at + "policy: ");
        JsonNode roles = node.get("roles");
        if (!roles.isArray() || roles.isEmpty()) {
            problems.add(at + "policy: roles: must be a non-empty list such as [admin]");
            return null;
        }
        Set<Role> anyOf = new HashSet<>();
        boolean bad = false;
        for (JsonNode role : roles) {
            Optional<Role> known = role.isTextual() ? Role.fromWireName(role.asText()) : Optional.empty();
            if (known.isEmpty()) {
                bad = true;
                problems.add(at + "policy: roles: unknown role '" + role.asText() + "' (use admin or common)");
            } else {
                anyOf.add(known.get());
            }
        }
        return bad ? null : new Policy.Roles(anyOf);
    }

    private Optional<String> page(JsonNode node, String key, String at) {
        Optional<String> page = text(node, key, at);
        if (page.isEmpty()) {
            return Optional.empty();
        }
        String target = page.get();
        // "//host" and "/\host" are read by browsers as another site: a redirect there is an open redirect.
        if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
            problems.add(at + key + ": must be a path on this site starting with a single '/', not '" + target + "'");
            return Optional.empty();
        }
        return page;
    }

    /** A string value; a present key holding something else (a list, a number, nothing) is a problem. */
    private Optional<String> text(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(at + key + ": must be " + (value.isTextual() || value.isNull() ? "non-empty text" : "text, not " + kind(value)));
            return Optional.empty();
        }
        return Optional.of(value.asText().trim());
    }

    private void unknownKeys(JsonNode node, Set<String> known, String at) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!known.contains(key)) {
                problems.add(at + "unknown key '" + key + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String kind(JsonNode value) {
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "true/false";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
