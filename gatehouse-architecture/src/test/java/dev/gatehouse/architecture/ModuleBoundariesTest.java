package dev.gatehouse.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries between the modules, over the main classes of every module: the library knows
 * nothing of web servers, databases or Redis; only the HTTP edge and the middleware know the web
 * server; only the store modules know their databases; the server uses the library through its API.
 * (Each module's own ArchitectureTest keeps its packages in order.)
 */
@AnalyzeClasses(packages = "dev.gatehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
    private static final String[] WEB_SERVER = {"io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "org.apache.catalina..",
            "org.springframework.."};
    private static final String[] SQL = {"java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari..",
            "org.flywaydb.."};
    private static final String[] REDIS = {"io.lettuce..", "io.netty..", "reactor.."};

    @ArchTest
    static final ArchRule theLibraryKnowsNoWebServer = noClasses().that().resideInAPackage("dev.gatehouse.core..")
            .should().dependOnClassesThat().resideInAnyPackage(WEB_SERVER)
            .because("gatehouse-core is embedded in programs with any web server, or none");

    @ArchTest
    static final ArchRule theLibraryKnowsNoDatabase = noClasses().that().resideInAPackage("dev.gatehouse.core..")
            .should().dependOnClassesThat().resideInAnyPackage(SQL)
            .because("stores plug in behind its interfaces; an embedder pulls in only the drivers of the store they use");

    @ArchTest
    static final ArchRule theLibraryKnowsNoRedis = noClasses().that().resideInAPackage("dev.gatehouse.core..")
            .should().dependOnClassesThat().resideInAnyPackage(REDIS);

    @ArchTest
    static final ArchRule onlyTheHttpEdgeAndTheMiddlewareKnowTheWebServer = noClasses()
            .that().resideOutsideOfPackages("dev.gatehouse.http..", "dev.gatehouse.middleware..")
            .should().dependOnClassesThat().resideInAnyPackage(WEB_SERVER)
            .because("every Jetty and Javalin setting is made in one module: the server starts and stops an HttpServer");

    @ArchTest
    static final ArchRule onlyTheSqlStoreKnowsSql = noClasses()
            .that().resideOutsideOfPackages("dev.gatehouse.jdbc..", "dev.gatehouse.server.boot..")
            .should().dependOnClassesThat().resideInAnyPackage(SQL)
            .because("the server's start-up loads SQLite's native library ahead (server.boot); nothing else reaches past the store");

    @ArchTest
    static final ArchRule onlyTheRedisStoreKnowsRedis = noClasses().that().resideOutsideOfPackage("dev.gatehouse.redis..")
            .should().dependOnClassesThat().resideInAnyPackage(REDIS);

    @ArchTest
    static final ArchRule nothingDependsOnTheServer = noClasses().that().resideOutsideOfPackage("dev.gatehouse.server..")
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.server..")
            .because("the server is the top: settings, wiring and start-up belong to it alone");

    @ArchTest
    static final ArchRule theLibraryDependsOnNoOtherModule = noClasses().that().resideInAPackage("dev.gatehouse.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gatehouse.http..", "dev.gatehouse.jdbc..", "dev.gatehouse.redis..",
                    "dev.gatehouse.cache..", "dev.gatehouse.rules..", "dev.gatehouse.middleware..", "dev.gatehouse.oidc..", "dev.gatehouse.server..",
                    "dev.gatehouse.tck..", "dev.gatehouse.testing..");

    @ArchTest
    static final ArchRule theServerAndTheHttpEdgeUseOnlyTheLibrarysApi = noClasses()
            .that().resideInAnyPackage("dev.gatehouse.server..", "dev.gatehouse.http..")
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.core.internal..")
            .because("the server is a client of the library like any other: what it needs, the API offers");

    @ArchTest
    static final ArchRule onlyTheLibraryAndItsBenchmarksReachItsInternals = noClasses()
            .that().resideOutsideOfPackages("dev.gatehouse.core..", "dev.gatehouse.bench..")
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.core.internal..")
            .because("stores implement the spi, middleware and caches use the API; core's module does not export its internals");

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices().matching("dev.gatehouse.(*)..").should().beFreeOfCycles();
}
