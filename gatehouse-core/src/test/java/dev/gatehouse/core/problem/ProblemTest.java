package dev.gatehouse.core.problem;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemTest {
    @Test
    void theBodyIsTheOneWireShapeWithTheStableErrorMember() {
        Problem problem = Problem.of(ProblemCode.INVALID_CREDENTIALS, "the login or password is wrong");
        assertThat(problem.body()).containsExactly(
                entry("type", "urn:gatehouse:problem:invalid_credentials"),
                entry("title", "Unauthorized"),
                entry("status", 401),
                entry("detail", "the login or password is wrong"),
                entry("error", "invalid_credentials"));
    }

    @Test
    void anEdgeMayAnswerWithAnotherStatusAndTheTitleFollows() {
        Problem toNginx = Problem.of(ProblemCode.BAD_PATH, "a dot segment").withStatus(403);
        assertThat(toNginx.status()).isEqualTo(403);
        assertThat(toNginx.title()).isEqualTo("Forbidden");
        assertThat(toNginx.body()).containsEntry("error", "bad_path");
    }

    @Test
    void onlyErrorStatusesAreProblems() {
        assertThatThrownBy(() -> Problem.of(ProblemCode.FORBIDDEN, "x").withStatus(302)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codesAreUniqueLowerCaseWords() {
        List<String> codes = Arrays.stream(ProblemCode.values()).map(ProblemCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(_[a-z0-9]+)*"));
    }

    @Test
    void everyCodesStatusHasItsOwnReasonPhraseNotAFallback() {
        for (ProblemCode code : ProblemCode.values()) {
            String title = Problem.of(code, "x").title();
            assertThat(title).as(code.name()).isNotEqualTo("Server Error");
            if (code.status() != 400) {
                assertThat(title).as(code.name()).isNotEqualTo("Bad Request");
            }
        }
    }
}
