package dev.gatehouse.examples.embedded;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedExampleTest {
    @Test
    void theExampleSignsInChecksCredentialsAndAPasswordChangeEndsTheOtherSignIns() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        EmbeddedExample.Outcome outcome = EmbeddedExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome).isEqualTo(new EmbeddedExample.Outcome(true, true, true, false, false, true));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("registered ada@example.com", "password changed: true")
                .doesNotContain(EmbeddedExample.PASSWORD).doesNotContain(EmbeddedExample.NEW_PASSWORD);
    }
}
