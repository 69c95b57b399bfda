package dev.rubric.junit;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One data-driven case from a {@link Cases} file.
 *
 * @param name        the case's name, or {@code null} (the test is then named by its instruction)
 * @param instruction what the system under test is asked
 * @param reference   a reference answer worth a 5, or {@code null}
 * @param tags        the case's tags
 * @param fields      every other field of the case, as read (strings, numbers, booleans, lists, maps)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Case(String name, String instruction, String reference, List<String> tags, Map<String, Object> fields) {

    public Case {
        Objects.requireNonNull(instruction, "instruction");
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public Optional<String> referenceAnswer() {
        return Optional.ofNullable(reference);
    }

    /** A field other than name, instruction, reference and tags, as text; empty when absent. */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key)).map(String::valueOf);
    }

    /** The name, or the instruction when the case has none: what IDEs show. */
    public String label() {
        return name != null && !name.isBlank() ? name : instruction;
    }
}
