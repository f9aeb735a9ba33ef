package dev.gatehouse.rules;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.user.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RulesFileTest {

    private static List<String> problems(String yaml) {
        RulesFileException e = catchThrowableOfType(RulesFileException.class, () -> RulesFile.parse(yaml));
        assertThat(e).as("expected the rules to be refused:%n%s", yaml).isNotNull();
        assertThat(e.getMessage()).contains(e.problems().toArray(String[]::new));
        assertThat(e.getMessage()).doesNotContain("Exception", "\tat ");
        return e.problems();
    }

    private static String rule(String body) {
        return "rules:\n  - name: r\n" + body.indent(4);
    }

    @Nested
    class Fields {
        @Test
        void everyFieldOfARule() {
            AccessRules rules = RulesFile.parse("""
                    rules:
                      - name: admin api
                        host: ^api\\.example\\.com$
                        path_prefix: /Admin
                        methods: [get, POST]
                        policy: {roles: [admin, common]}
                        signed_in_page: /index.html
                        signed_out_page: /login.html
                    """);

            AccessRule rule = rules.rules().getFirst();
            assertThat(rule.name()).isEqualTo("admin api");
            assertThat(rule.host().orElseThrow().matcher("API.Example.com").matches()).isTrue();
            assertThat(rule.host().orElseThrow().matcher("api.example.com.evil").matches()).isFalse();
            assertThat(rule.path()).isEqualTo(new PathPattern.Prefix("/Admin"));
            assertThat(rule.path().matches("/admin/x")).isTrue();
            assertThat(rule.path().matchesAsWritten("/Admin/x")).isTrue();
            assertThat(rule.path().matchesAsWritten("/admin/x")).isFalse();
            assertThat(rule.methods()).containsExactlyInAnyOrder("GET", "POST");
            assertThat(rule.policy()).isEqualTo(new Policy.Roles(Set.of(Role.ADMIN, Role.COMMON)));
            assertThat(rule.pages()).isEqualTo(new PageRedirects(Optional.of("/index.html"), Optional.of("/login.html")));
        }

        @Test
        void optionalFieldsLeftOut() {
            AccessRule rule = RulesFile.parse(rule("path: ^/x$\npolicy: public")).rules().getFirst();

            assertThat(rule.host()).isEmpty();
            assertThat(rule.methods()).isEmpty();
            assertThat(rule.pages()).isEqualTo(PageRedirects.none());
        }

        @Test
        void aPathIsAWholePathRegexIgnoringCase() {
            AccessRule rule = RulesFile.parse(rule("path: /LOGIN\\.html\npolicy: public")).rules().getFirst();

            assertThat(rule.path()).isInstanceOf(PathPattern.Regex.class);
            assertThat(rule.path().matches("/login.html")).isTrue();
            assertThat(rule.path().matches("/loginxhtml")).isFalse();
            assertThat(rule.path().matches("/login.html/x")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"public", "authenticated", "deny", "{roles: [admin]}", "Public"})
        void everyPolicyForm(String policy) {
            Policy parsed = RulesFile.parse(rule("path_prefix: /\npolicy: " + policy)).rules().getFirst().policy();
            Policy expected = switch (policy.toLowerCase()) {
                case "public" -> new Policy.Public();
                case "authenticated" -> new Policy.Authenticated();
                case "deny" -> new Policy.Deny();
                default -> new Policy.Roles(Set.of(Role.ADMIN));
            };
            assertThat(parsed).isEqualTo(expected);
        }

        @Test
        void rolesAsABlockList() {
            assertThat(RulesFile.parse(rule("path_prefix: /\npolicy:\n  roles:\n    - admin")).rules().getFirst().policy())
                    .isEqualTo(new Policy.Roles(Set.of(Role.ADMIN)));
        }

        @Test
        void rulesKeepTheirOrder() {
            AccessRules rules = RulesFile.parse("""
                    rules:
                      - {name: b, path_prefix: /b, policy: public}
                      - {name: a, path_prefix: /a, policy: deny}
                      - {name: c, path_prefix: /c, policy: authenticated}
                    """);
            assertThat(rules.rules()).extracting(AccessRule::name).containsExactly("b", "a", "c");
        }

        @Test
        void noDefaultMeansAuthenticatedWithoutPages() {
            AccessRules rules = RulesFile.parse("rules: []\n");

            assertThat(rules).isEqualTo(AccessRules.authenticatedByDefault());
        }

        @Test
        void theDefault() {
            AccessRules rules = RulesFile.parse("default:\n  policy: deny\n  signed_out_page: /login.html\nrules: []\n");

            assertThat(rules.defaultPolicy()).isEqualTo(new Policy.Deny());
            assertThat(rules.defaultPages()).isEqualTo(new PageRedirects(Optional.empty(), Optional.of("/login.html")));
            assertThat(RulesFile.parse("default:\n  policy: {roles: [common]}\nrules: []").defaultPolicy())
                    .isEqualTo(new Policy.Roles(Set.of(Role.COMMON)));
            assertThat(RulesFile.parse("default:\n  signed_out_page: /login.html\nrules: []").defaultPolicy())
                    .isEqualTo(new Policy.Authenticated());
        }

        @Test
        void loadReadsAFile(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("rules.yaml"), rule("path_prefix: /\npolicy: public"));
            assertThat(RulesFile.load(file).rules()).hasSize(1);
        }

        @Test
        void anUnreadableFileIsAProblemNamingIt(@TempDir Path dir) {
            Path missing = dir.resolve("missing.yaml");
            RulesFileException e = catchThrowableOfType(RulesFileException.class, () -> RulesFile.load(missing));
            assertThat(e.getMessage()).contains(missing.toString(), "cannot be read");
        }
    }

    @Nested
    class Problems {
        @Test
        void everyProblemIsCollectedWithItsRuleAndField() {
            List<String> problems = problems("""
                    rules:
                      - name: static assets
                        path_prefix: assets/
                        policy: public
                      - name: admin api
                        host: "(api"
                        path_prefix: /admin
                        methods: [GET, FETCH]
                        policy: {roles: [superuser]}
                      - name: app pages
                        path: ^/index\\.html$
                        polcy: public
                    """);

            assertThat(problems).containsExactlyInAnyOrder(
                    "rule #1 \"static assets\": path_prefix: must start with '/', not 'assets/'",
                    "rule #2 \"admin api\": host: not a valid regular expression '(api': Unclosed group near index 4",
                    "rule #2 \"admin api\": methods: unknown method 'FETCH' (use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE, CONNECT)",
                    "rule #2 \"admin api\": policy: roles: unknown role 'superuser' (use admin or common)",
                    "rule #3 \"app pages\": unknown key 'polcy' (known: host, methods, name, path, path_prefix, policy, signed_in_page, signed_out_page)",
                    "rule #3 \"app pages\": policy: missing; write public, authenticated, deny or {roles: [...]}");
        }

        @Test
        void aBadPathRegex() {
            assertThat(problems(rule("path: /[a-\npolicy: public"))).singleElement().asString()
                    .startsWith("rule #1 \"r\": path: not a valid regular expression '/[a-'");
        }

        @Test
        void pathAndPrefixExactlyOne() {
            assertThat(problems(rule("path: ^/a$\npath_prefix: /a\npolicy: public"))).singleElement().asString()
                    .isEqualTo("rule #1 \"r\": path and path_prefix: give only one");
            assertThat(problems(rule("policy: public"))).singleElement().asString()
                    .isEqualTo("rule #1 \"r\": path or path_prefix: missing; give exactly one");
        }

        @Test
        void namesAreRequiredAndUnique() {
            assertThat(problems("rules:\n  - {path_prefix: /a, policy: public}\n")).singleElement().asString()
                    .isEqualTo("rule #1: name: missing; every rule needs one, problems and logs name it");
            assertThat(problems("rules:\n  - {name: '  ', path_prefix: /a, policy: public}\n")).singleElement().asString()
                    .isEqualTo("rule #1: name: must be non-empty text");
            assertThat(problems("rules:\n  - {name: a, path_prefix: /a, policy: public}\n  - {name: A, path_prefix: /b, policy: deny}\n"))
                    .singleElement().asString().isEqualTo("rule #2 \"A\": name: another rule has the same name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"allow", "roles", "{roles: []}", "{roles: admin}", "{role: [admin]}", "[public]", "''"})
        void badPolicies(String policy) {
            assertThat(problems(rule("path_prefix: /\npolicy: " + policy)))
                    .isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("rule #1 \"r\": policy"));
        }

        @Test
        void aRolesPolicyWithAnExtraKeyIsRefused() {
            assertThat(problems(rule("path_prefix: /\npolicy: {roles: [admin], except: [common]}"))).singleElement().asString()
                    .isEqualTo("rule #1 \"r\": policy: unknown key 'except' (known: roles)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "GET", "[GET, 7]", "[get post]"})
        void badMethods(String methods) {
            assertThat(problems(rule("path_prefix: /\nmethods: " + methods + "\npolicy: public")))
                    .isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("rule #1 \"r\": methods: "));
        }

        @ParameterizedTest
        @ValueSource(strings = {"login.html", "//evil.example/login", "/\\\\evil.example", "https://evil.example/"})
        void pageTargetsMustBePathsOnThisSite(String target) {
            assertThat(problems(rule("path_prefix: /\npolicy: public\nsigned_in_page: '" + target + "'"))).singleElement().asString()
                    .startsWith("rule #1 \"r\": signed_in_page: must be a path on this site");
            assertThat(problems("default:\n  signed_out_page: '" + target + "'\nrules: []")).singleElement().asString()
                    .startsWith("default: signed_out_page: must be a path on this site");
        }

        @Test
        void fieldsOfTheWrongKind() {
            assertThat(problems(rule("path: [^/a$]\npolicy: public"))).singleElement().asString()
                    .isEqualTo("rule #1 \"r\": path: must be text, not a list");
            assertThat(problems(rule("path_prefix: /\nhost: 7\npolicy: public"))).singleElement().asString()
                    .isEqualTo("rule #1 \"r\": host: must be text, not a number");
            assertThat(problems("rules:\n  - just a string\n")).singleElement().asString()
                    .isEqualTo("rule #1: must be a mapping with name, path or path_prefix, and policy");
        }

        @Test
        void theFileAsAWhole() {
            assertThat(problems("")).containsExactly("the file is empty; write 'rules: []' for no rules");
            assertThat(problems("# only a comment\n")).containsExactly("the file is empty; write 'rules: []' for no rules");
            assertThat(problems("- a\n- b\n")).containsExactly("the file must be a mapping with 'default' and 'rules'");
            assertThat(problems("default: {policy: public}\n")).containsExactly("rules: missing; write 'rules: []' for none");
            assertThat(problems("rules: {name: a}\n")).containsExactly("rules: must be a list of rules, each starting with '- name:'");
            assertThat(problems("rule: []\n")).containsExactlyInAnyOrder("unknown key 'rule' (known: default, rules)",
                    "rules: missing; write 'rules: []' for none");
        }

        @Test
        void theDefault() {
            assertThat(problems("default: public\nrules: []")).containsExactly(
                    "default: must be a mapping with 'policy' and optionally 'signed_out_page'");
            assertThat(problems("default: {policy: sometimes}\nrules: []")).singleElement().asString()
                    .startsWith("default: policy: unknown policy 'sometimes'");
            assertThat(problems("default: {policy: public, signed_in_page: /index.html}\nrules: []")).singleElement().asString()
                    .startsWith("default: signed_in_page is not allowed");
            assertThat(problems("default: {policy: public, signed_out: /login.html}\nrules: []")).singleElement().asString()
                    .isEqualTo("default: unknown key 'signed_out' (known: policy, signed_out_page)");
        }

        @Test
        void notYamlNamesTheLine() {
            assertThat(problems("rules:\n  - name: a\n   path: [\n")).singleElement().asString()
                    .startsWith("not valid YAML at line ").doesNotContain("\n");
        }

        @Test
        void aKeyGivenTwiceIsRefused() {
            // Which "policy" would win is a trap: refuse rather than pick one.
            assertThat(problems(rule("path_prefix: /admin\npolicy: {roles: [admin]}\npolicy: public"))).singleElement().asString()
                    .startsWith("not valid YAML").contains("policy");
        }
    }

    @Nested
    class TheDocumentedExample {
        private static String example(String document) throws IOException {
            String text = Files.readString(Path.of("..", "docs", document));
            Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
            assertThat(yaml.find()).as("a yaml block in docs/%s", document).isTrue();
            return yaml.group(1);
        }

        @Test
        void theSpaExampleOfRulesMdParsesToTheExpectedRules() throws IOException {
            AccessRules rules = RulesFile.parse(example("RULES.md"));

            assertThat(rules.defaultPolicy()).isEqualTo(new Policy.Authenticated());
            assertThat(rules.defaultPages()).isEqualTo(new PageRedirects(Optional.empty(), Optional.of("/login.html")));
            assertThat(rules.rules()).extracting(AccessRule::name).containsExactly("static assets", "login page", "app pages",
                    "public api", "admin api", "admin api elsewhere", "api");
            AccessRule assets = rules.rules().get(0);
            assertThat(assets.path()).isEqualTo(new PathPattern.Prefix("/assets/"));
            assertThat(assets.policy()).isEqualTo(new Policy.Public());
            AccessRule login = rules.rules().get(1);
            assertThat(login.path().matches("/login.html")).isTrue();
            assertThat(login.policy()).isEqualTo(new Policy.Public());
            assertThat(login.pages()).isEqualTo(new PageRedirects(Optional.of("/index.html"), Optional.empty()));
            AccessRule app = rules.rules().get(2);
            assertThat(app.path().matches("/")).isTrue();
            assertThat(app.path().matches("/index.html")).isTrue();
            assertThat(app.policy()).isEqualTo(new Policy.Authenticated());
            assertThat(app.pages()).isEqualTo(new PageRedirects(Optional.empty(), Optional.of("/login.html")));
            AccessRule publicApi = rules.rules().get(3);
            assertThat(publicApi.methods()).containsExactlyInAnyOrder("GET", "HEAD");
            AccessRule admin = rules.rules().get(4);
            assertThat(admin.appliesTo("POST", "example.com", "/api/admin/users")).isTrue();
            assertThat(admin.appliesTo("POST", "evil.com", "/api/admin/users")).isFalse();
            assertThat(admin.policy()).isEqualTo(new Policy.Roles(Set.of(Role.ADMIN)));
            assertThat(rules.rules().get(5).policy()).isEqualTo(new Policy.Deny());
            assertThat(rules.rules().get(6).appliesTo("GET", "example.com", "/api/me")).isTrue();
        }
    }
}
