package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients branch on {@code error}: every code Gatehouse can answer is in docs/API.md's table, with its status. */
class ProblemCodesDocumentedTest {
    @Test
    void everyProblemCodeHasARowInTheApiDocs() throws Exception {
        String api = Files.readString(Path.of("..", "docs", "API.md"));
        List<String> missing = Arrays.stream(ProblemCode.values())
                .filter(code -> !api.contains("| " + code.status() + " | `" + code.code() + "` |"))
                .map(code -> code.status() + " " + code.code())
                .toList();
        assertThat(missing).as("codes without a row '| status | `code` |' in docs/API.md").isEmpty();
    }
}
