package dev.gatehouse.rules;

import java.util.List;

/**
 * A rules file refused: the message names every problem, each with the rule (number and name)
 * and the field, so that one attempt shows everything to fix. A user error, never printed with a
 * stack trace.
 */
public final class RulesFileException extends RuntimeException {
    /** The problems found, one line each, in the order they were found. */
    private final List<String> problems;

    /**
     * Refuses a rules file.
     *
     * @param source where the rules came from (a file path, or {@code (text)}), named in the message
     * @param problems every problem found, each naming its rule and field; copied
     */
    public RulesFileException(String source, List<String> problems) {
        super("invalid rules file " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found, for callers that show them one by one.
     *
     * @return an unmodifiable list, one entry per problem
     */
    public List<String> problems() {
        return problems;
    }
}
