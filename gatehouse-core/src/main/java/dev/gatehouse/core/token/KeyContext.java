package dev.gatehouse.core.token;

import com.nimbusds.jose.proc.SecurityContext;
import dev.gatehouse.core.keys.SigningKey;

/**
 * Carries the one key the admission step resolved into Nimbus' processors, so that the key is
 * looked up once and the {@link PinnedKeySelector} can only ever hand out that key.
 */
record KeyContext(SigningKey key) implements SecurityContext {
}
