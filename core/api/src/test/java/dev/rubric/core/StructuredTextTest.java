package dev.rubric.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Lines of the values of a YAML file, aliases included: an error about a value names where it is written. */
class StructuredTextTest {

    private static final String YAML = """
            defaults: &base
              rubric: tone
              inputs:
                - first
                - question: second
                  expected: polite
            cases:
              - name: a
              - *base
            """;

    @Test
    void theListsAndMappingsInsideAnAliasCopyKeepTheLinesWhereTheyAreWritten() {
        StructuredText text = StructuredText.read("cases.yaml", YAML, true);
        JsonNode anchored = text.root().get("defaults");
        JsonNode copy = text.root().get("cases").get(1);

        assertThat(text.line(copy)).as("the copy itself: the line of the alias").isEqualTo(9);
        assertThat(text.line(copy, "inputs")).as("a key of the copy").isEqualTo(text.line(anchored, "inputs"))
                .isEqualTo(3);
        JsonNode inputs = copy.get("inputs");
        assertThat(inputs).isNotSameAs(anchored.get("inputs"));
        assertThat(text.line(inputs, 1)).as("an item of a list inside the copy").isEqualTo(5);
        JsonNode nested = inputs.get(1);
        assertThat(text.line(nested)).as("a mapping inside the copy, not line 1").isEqualTo(text.line(anchored.get(
                "inputs").get(1))).isGreaterThan(1);
        assertThat(text.line(nested, "expected")).isEqualTo(6);
        assertThat(text.error(nested, "bad").getMessage()).startsWith("cases.yaml line " + text.line(nested) + ": bad");
    }
}
