package dev.gatehouse.core;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The dependency directions of ARCHITECTURE.md, checked on the compiled main classes. */
@AnalyzeClasses(packages = "dev.gatehouse.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String CORE = "dev.gatehouse.core.";

    /** The packages named, each with its internal part: {@code token} is {@code core.token} and {@code core.internal.token}. */
    private static String[] core(String... packages) {
        String[] names = new String[packages.length * 2];
        for (int i = 0; i < packages.length; i++) {
            names[2 * i] = CORE + packages[i] + "..";
            names[2 * i + 1] = CORE + "internal." + packages[i] + "..";
        }
        return names;
    }

    /** Core's packages as slices, an internal package counted with the API package it serves. */
    private static final SliceAssignment PACKAGES_WITH_THEIR_INTERNALS = new SliceAssignment() {
        @Override
        public String getDescription() {
            return "core's packages, internal.X counted as X";
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith(CORE)) {
                return SliceIdentifier.ignore();
            }
            String rest = name.substring(CORE.length());
            if (rest.startsWith("internal.")) {
                rest = rest.substring("internal.".length());
            }
            return SliceIdentifier.of(rest.split("\\.")[0]);
        }
    };

    private static String[] allowed(String[] core, String... external) {
        String[] all = new String[core.length + external.length + 1];
        System.arraycopy(core, 0, all, 0, core.length);
        System.arraycopy(external, 0, all, core.length, external.length);
        all[all.length - 1] = "java..";
        return all;
    }

    @ArchTest
    static final ArchRule coreDependsOnlyOnTheJdkSlf4jJoseAndHashing = classes().that().resideInAPackage("dev.gatehouse.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.gatehouse.core..", "java..", "javax..", "org.slf4j..", "de.mkammerer.argon2..", "com.nimbusds..",
                    "org.bouncycastle..")
            .because("gatehouse-core is the embeddable library: JDK + slf4j + the JOSE and hashing libraries only");

    @ArchTest
    static final ArchRule onlyKeysAndTokenTouchTheJoseLibrary = noClasses()
            .that().resideOutsideOfPackages(core("keys", "token"))
            .should().dependOnClassesThat().resideInAPackage("com.nimbusds..")
            .because("ARCHITECTURE.md: only token and keys import the JOSE library");

    @ArchTest
    static final ArchRule onlyKeysAndFactorsUseBouncyCastle = noClasses().that().resideOutsideOfPackages(core("keys", "factor"))
            .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
            .because("keys read PEM through it, and factors write TOTP secrets in its Base32");

    @ArchTest
    static final ArchRule factorsDependOnTheSpiTheSealerAndSupport = classes().that().resideInAnyPackage(core("factor"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "keys", "factor"),
                    "org.bouncycastle.util.encoders..", "javax.crypto.."));

    @ArchTest
    static final ArchRule accessDependsOnlyOnUsersAndSupport = classes().that().resideInAnyPackage(core("access"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "user", "password", "access")));

    @ArchTest
    static final ArchRule keysDependOnlyOnSupport = classes().that().resideInAnyPackage(core("keys"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "keys"), "com.nimbusds..",
                    "org.bouncycastle..", "org.slf4j..", "javax.crypto.."));

    @ArchTest
    static final ArchRule tokenDependsOnKeysUsersAndSupport = classes().that().resideInAnyPackage(core("token"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "keys", "user", "client", "token"), "com.nimbusds..",
                    "org.slf4j..", "javax.crypto.."));

    @ArchTest
    static final ArchRule onlyThePasswordPackageTouchesArgon2 = noClasses().that().resideOutsideOfPackages(core("password"))
            .should().dependOnClassesThat().resideInAPackage("de.mkammerer.argon2..");

    @ArchTest
    static final ArchRule supportDependsOnNothingOfOurs = classes().that().resideInAnyPackage(core("support"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support")));

    @ArchTest
    static final ArchRule passwordDependsOnlyOnSupport = classes().that().resideInAnyPackage(core("password"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "password"), "de.mkammerer.argon2.."));

    @ArchTest
    static final ArchRule userDependsOnlyOnPasswordAndSupport = classes().that().resideInAnyPackage(core("user"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "password", "user"), "org.slf4j.."));

    @ArchTest
    static final ArchRule sessionDependsOnlyOnUserAndBelow = classes().that().resideInAnyPackage(core("session"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "password", "user", "session"), "org.slf4j.."));

    @ArchTest
    static final ArchRule accountDependsOnUsersSessionsAndTokens = classes().that().resideInAnyPackage(core("account"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "password", "user", "session", "token", "account")));

    @ArchTest
    static final ArchRule authnDependsOnUsersSessionsKeysAndTokens = classes().that().resideInAnyPackage(core("authn"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "user", "session", "keys", "token", "client", "problem", "authn"),
                    // The JDK's HMAC, for the keyed hash of BasicCredentialCache.
                    "javax.crypto.."));

    @ArchTest
    static final ArchRule memoryImplementsTheSpi = classes().that().resideInAnyPackage(core("memory"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "user", "session", "keys", "token", "secrets", "client", "factor", "memory")));

    @ArchTest
    static final ArchRule problemsDependOnNothingOfOurs = classes().that().resideInAnyPackage(core("problem"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("problem")))
            .because("the server and the middleware answer through it, whatever else they use");

    @ArchTest
    static final ArchRule theSpiSpeaksInValues = classes().that().resideInAnyPackage(core("spi"))
            .should().onlyDependOnClassesThat(resideInAnyPackage(allowed(core("spi"), "org.slf4j.."))
                    .or(resideInAPackage("dev.gatehouse.core..").and(valueType())))
            .because("a store implements the spi alone; it never reaches the services above it, whatever values it keeps");

    @ArchTest
    static final ArchRule rateLimitsDependOnlyOnUsersAndSupport = classes().that().resideInAnyPackage(core("ratelimit"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "user", "ratelimit")))
            .because("LoginAccounts counts a user's failures under one account, whichever login named them");

    @ArchTest
    static final ArchRule clientsDependOnNothingOfOurs = classes().that().resideInAnyPackage(core("client"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("client")))
            .because("a registered client is a value the spi keeps and the OpenID provider reads");

    @ArchTest
    static final ArchRule secretsDependOnlyOnSupport = classes().that().resideInAnyPackage(core("secrets"))
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(core("support", "spi", "secrets")));

    @ArchTest
    static final ArchRule supportAndPasswordKnowNothingOfUsersSessionsOrAuthn = noClasses()
            .that().resideInAnyPackage(core("support", "password"))
            .should().dependOnClassesThat().resideInAnyPackage(core("user", "session", "authn", "memory", "secrets", "spi"));

    @ArchTest
    static final ArchRule nothingDependsOnTheInMemoryStores = noClasses().that().resideOutsideOfPackages(core("memory"))
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.core.memory..")
            .because("stores plug in behind the SPIs; the services never pick one");

    @ArchTest
    static final ArchRule nothingBelowAuthnDependsOnIt = noClasses().that().resideOutsideOfPackages(allowed(core("authn"), "dev.gatehouse.core"))
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.core.authn..")
            .because("authn answers who is calling from everything below it; only the assembly (Gatehouse) is above it");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(PACKAGES_WITH_THEIR_INTERNALS).should().beFreeOfCycles()
            // The services use the spi and the spi speaks in their values (theSpiSpeaksInValues): no class reaches back.
            .ignoreDependency(resideInAPackage("dev.gatehouse.core.spi.."), valueType());

    /** A record or an enum: a value, which a store may keep without reaching the service that made it. */
    private static DescribedPredicate<JavaClass> valueType() {
        return DescribedPredicate.describe("a record or an enum", javaClass -> javaClass.isRecord() || javaClass.isEnum());
    }
}
