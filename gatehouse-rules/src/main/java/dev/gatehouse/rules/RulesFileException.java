package dev.gatehouse.rules;

import java.util.List;

/**
 * A rules file refused: the message names every problem, each with the rule (number and name)
 * and the field, so that one attempt shows everything to fix. A user error, never printed with a
 * stack trace.
 */
public final class RulesFileException extends RuntimeException {
    private final List<String> problems;

    public RulesFileException(String source, List<String> problems) {
        super("invalid rules file " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
