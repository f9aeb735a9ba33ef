package dev.gatehouse.server;

import dev.gatehouse.server.config.SettingOptions;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.keys.KeyFiles;
import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.KeyRejectedException;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRotator;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code gatehouse keys generate}: a signing key pair as PEM files, for {@code JWT_PRIVATE_KEY_FILE}
 * and {@code JWT_PUBLIC_KEY_FILE}; needs no configuration nor store. {@code gatehouse keys rotate}:
 * rotate the generated keys kept in the store now, for every server sharing it.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Make or rotate signing keys.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class})
final class KeysCommand {
    /** Above this, generating takes minutes and signing gets slow, for no security a token needs. */
    static final int MAX_RSA_BITS = 8192;

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Rotate the keys in the store now: the published next key starts signing, the signing key retires "
                    + "(it still verifies its tokens), a new next key is made. Servers sharing the store follow within moments. "
                    + "Takes the server's settings (AUTH_TYPE with jwt, STORE, GATEHOUSE_DB_URL, GATEHOUSE_MASTER_KEY...).",
            modelTransformer = SettingOptions.class)
    static final class Rotate extends StoreCommand implements Runnable {
        @Override
        public void run() {
            try (GatehouseRuntime runtime = open()) {
                KeyRotator rotator = runtime.tokenKeys().flatMap(TokenKeys::rotator).orElseThrow(() -> new CliException(
                        "nothing to rotate: keys are rotated only when Gatehouse generates them (AUTH_TYPE with jwt, and neither "
                                + "JWT_PRIVATE_KEY_FILE nor JWT_SECRET; replace those by hand)"));
                KeyRing ring = rotator.rotateNow();
                out().println("signing key: " + ring.signingKey().kid() + " (" + ring.signingKey().algorithm().jwsName() + ")");
                ring.nextKey().ifPresent(next -> out().println("next key:    " + next.kid()));
            }
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a new key pair: key.key (PKCS#8, readable by the owner only) and key.pub (SPKI).")
    static final class Generate implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--alg", required = true, paramLabel = "ALG",
                description = "RS256, RS384, RS512, PS256, ES256, ES384 or EdDSA.")
        String algorithm;
        @Option(names = "--out", defaultValue = "keys", paramLabel = "DIR",
                description = "Directory to write into, created if missing (default: ${DEFAULT-VALUE}). Existing key files are never overwritten.")
        Path out;
        @Option(names = "--rsa-bits", paramLabel = "BITS",
                description = "RSA modulus size for RS*/PS* (default: " + KeyGenerator.DEFAULT_RSA_BITS + ", at least 2048).")
        Integer rsaBits;

        @Override
        public void run() {
            SigningAlgorithm alg = parse(algorithm);
            SigningKey key = generate(alg);
            KeyFiles.Written written;
            try {
                written = KeyFiles.write(key, out);
            } catch (FileAlreadyExistsException e) {
                throw new CliException(e.getMessage());
            } catch (IOException e) {
                throw new CliException("could not write the key files into " + out + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
            PrintWriter printed = spec.commandLine().getOut();
            printed.println("private key: " + written.privateKey());
            printed.println("public key:  " + written.publicKey());
            printed.println("kid:         " + key.kid());
            printed.println("use with:    JWT_ALGORITHM=" + alg.jwsName() + " JWT_PRIVATE_KEY_FILE=" + written.privateKey()
                    + " JWT_PUBLIC_KEY_FILE=" + written.publicKey());
        }

        private SigningAlgorithm parse(String name) {
            SigningAlgorithm alg = SigningAlgorithm.fromName(name).orElseThrow(() -> new CliException(
                    "--alg: unknown algorithm '" + name + "'; expected one of " + asymmetricNames()));
            if (!alg.isAsymmetric()) {
                throw new CliException("--alg: " + alg.jwsName() + " is an HMAC algorithm: it has a shared secret, not a key pair. "
                        + "Give the secret as JWT_SECRET (random, at least as many bytes as the hash, e.g. `openssl rand -base64 64`), "
                        + "or pick one of " + asymmetricNames());
            }
            if (rsaBits != null && alg.family() != SigningAlgorithm.Family.RSA) {
                throw new CliException("--rsa-bits: applies to RSA algorithms only, not " + alg.jwsName());
            }
            return alg;
        }

        private SigningKey generate(SigningAlgorithm alg) {
            int bits = rsaBits == null ? KeyGenerator.DEFAULT_RSA_BITS : rsaBits;
            if (bits < KeyGenerator.DEFAULT_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new CliException("--rsa-bits: must be between " + KeyGenerator.DEFAULT_RSA_BITS + " and " + MAX_RSA_BITS + ", not " + bits);
            }
            try {
                return KeyGenerator.generate(alg, bits);
            } catch (IllegalArgumentException | KeyRejectedException e) {
                throw new CliException("--alg " + alg.jwsName() + ": " + e.getMessage());
            }
        }

        private static String asymmetricNames() {
            return Arrays.stream(SigningAlgorithm.values()).filter(SigningAlgorithm::isAsymmetric)
                    .map(SigningAlgorithm::jwsName).collect(Collectors.joining(", "));
        }
    }
}
