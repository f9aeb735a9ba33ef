package dev.gatehouse.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that starts operating-system processes (the server's own jar, nginx, Caddy, node,
 * openssl): it runs in the integration-test phase (Maven Failsafe, after the jar is packaged),
 * and unit tests stay quick to run on their own with {@code mvn test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SpawnsProcesses.TAG)
public @interface SpawnsProcesses {
    /** The JUnit tag that Surefire leaves out and Failsafe runs. */
    String TAG = "spawns-processes";
}
