package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bare statuses raised by Javalin or Jetty become problems without passing on their messages. */
class ProblemWriterTest {
    @Test
    void aClientErrorKeepsItsStatusAndAServerErrorItsOwn() {
        assertThat(ProblemWriter.forStatus(418).problem().status()).isEqualTo(418);
        assertThat(ProblemWriter.forStatus(418).code()).isEqualTo(ProblemCode.BAD_REQUEST);
        assertThat(ProblemWriter.forStatus(502).problem().status()).isEqualTo(502);
        assertThat(ProblemWriter.forStatus(502).code()).isEqualTo(ProblemCode.INTERNAL_ERROR);
        assertThat(ProblemWriter.forStatus(413).code()).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aStatusBelow400RaisedAsAFailureIsAnsweredAsOurFault() {
        assertThat(ProblemWriter.forStatus(302).problem().status()).isEqualTo(500);
        assertThat(ProblemWriter.forStatus(302).code()).isEqualTo(ProblemCode.INTERNAL_ERROR);
    }
}
