/**
 * The Gatehouse library: users, passwords, sessions, access and refresh tokens, signing keys,
 * access rules and the account rules that tie them together, assembled by
 * {@link dev.gatehouse.core.Gatehouse#builder(dev.gatehouse.core.spi.StoreBackend)} over a
 * {@link dev.gatehouse.core.spi.StoreBackend}. It uses no web server, database driver or Redis client:
 * stores plug in behind the interfaces of its {@code spi} package.
 *
 * <p>Only the API packages and {@code spi} are exported. The {@code internal} packages (token
 * families' rotation, the JWKS writer, id and comparison helpers) are the library's own business:
 * no other module may read them, so they can change in any release.
 */
module dev.gatehouse.core {
    requires org.slf4j;
    requires de.mkammerer.argon2.nolibs;
    // The keys package hands out Nimbus JWK types (SigningKey.jwk, SigningAlgorithm.jws).
    requires transitive com.nimbusds.jose.jwt;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;

    exports dev.gatehouse.core;
    exports dev.gatehouse.core.access;
    exports dev.gatehouse.core.account;
    exports dev.gatehouse.core.authn;
    exports dev.gatehouse.core.client;
    exports dev.gatehouse.core.factor;
    exports dev.gatehouse.core.keys;
    exports dev.gatehouse.core.memory;
    exports dev.gatehouse.core.password;
    exports dev.gatehouse.core.problem;
    exports dev.gatehouse.core.ratelimit;
    exports dev.gatehouse.core.secrets;
    exports dev.gatehouse.core.session;
    exports dev.gatehouse.core.spi;
    exports dev.gatehouse.core.support;
    exports dev.gatehouse.core.token;
    exports dev.gatehouse.core.user;
}
