/**
 * The OpenID provider's rules on the library: the registry of client applications, the redirect
 * URIs they may name and the secrets they authenticate with. It holds no HTTP types: the HTTP edge
 * and the CLI both call it.
 */
module dev.gatehouse.oidc {
    // The registry hands out the library's Client records and keeps them in its ClientStore.
    requires transitive dev.gatehouse.core;

    exports dev.gatehouse.oidc;
}
