package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The string fields of a JSON object or a URL-encoded form, read the same way whichever was sent.
 *
 * @param values the fields with a value (a JSON {@code null} counts as absent)
 * @param sent   the names of every field sent, {@code null} ones included
 */
public record RequestFields(Map<String, String> values, Set<String> sent) {
    /**
     * Copies the fields.
     *
     * @param values the fields with a value
     * @param sent the names of every field sent, {@code null} ones included
     */
    public RequestFields {
        values = Map.copyOf(values);
        sent = Set.copyOf(sent);
    }

    /**
     * Fields that were all sent with a value.
     *
     * @param values the fields, none of them {@code null}
     */
    public RequestFields(Map<String, String> values) {
        this(values, values.keySet());
    }

    /**
     * The field's value as sent, or empty when absent.
     *
     * @param name the field's name
     * @return the value, blank or not
     */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The field's value when present and not blank.
     *
     * @param name the field's name
     * @return the value as sent, or empty when it is absent or blank
     */
    public Optional<String> nonBlank(String name) {
        return optional(name).filter(v -> !v.isBlank());
    }

    /**
     * The field's value; a 400 {@code missing_field} when it is absent or blank.
     *
     * @param name the field's name
     * @return the value as sent
     * @throws ApiProblem when the field is absent or blank
     */
    public String required(String name) {
        return nonBlank(name).orElseThrow(() -> new ApiProblem(ProblemCode.MISSING_FIELD, "field '" + name + "' is required"));
    }

    /**
     * True when the field was sent with a value.
     *
     * @param name the field's name
     * @return whether it has a value; false for a field sent as {@code null}
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * A 400 {@code unknown_field} naming a field outside {@code known}: a misspelt or unsupported
     * field silently ignored would leave the client believing a change was made.
     *
     * @param known the names this request may carry
     * @throws ApiProblem naming the first other field sent, in alphabetical order
     */
    public void refuseOthersThan(Set<String> known) {
        // Every name sent: {"role": null} is as much an unsupported request as {"role": "admin"}.
        sent.stream().filter(name -> !known.contains(name)).sorted().findFirst().ifPresent(name -> {
            throw new ApiProblem(ProblemCode.UNKNOWN_FIELD, "field '" + name + "' is not known here; known: "
                    + String.join(", ", known.stream().sorted().toList()));
        });
    }
}
