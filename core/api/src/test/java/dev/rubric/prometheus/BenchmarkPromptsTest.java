package dev.rubric.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Rubric;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rebuilds every absolute prompt of prometheus-eval's benchmark sets from its parts and compares it, byte for byte,
 * with {@link PrometheusFormat#userMessage}. The parts are cut out of each prompt at its section headers and the
 * rubric block is parsed back into criteria and five descriptions, so the rubric rendering is checked as well.
 */
class BenchmarkPromptsTest {

    private static final String INSTRUCTION = "###The instruction to evaluate:\n";
    private static final String RESPONSE = "\n\n###Response to evaluate:\n";
    private static final String REFERENCE = "\n\n###Reference Answer (Score 5):\n";
    private static final String RUBRIC = "\n\n###Score Rubrics:\n";
    private static final String FEEDBACK = "\n\n###Feedback: ";

    private final PrometheusFormat format = PrometheusFormat.get();

    @Test
    void everyVicunaPromptIsRenderedByteForByteWithItsReference() throws IOException {
        JsonNode records = read("vicuna_eval.json");
        assertThat(records.size()).as("vicuna_eval.json records").isEqualTo(320);
        List<String> mismatches = new ArrayList<>();
        int braces = 0;
        for (JsonNode r : records) {
            String prompt = r.get("instruction").asText();
            List<String> parts = cut(prompt, INSTRUCTION, RESPONSE, REFERENCE, RUBRIC, FEEDBACK);
            AbsoluteGrading grading = new AbsoluteGrading(parts.get(0), parts.get(1), parseRubric(parts.get(3)),
                    parts.get(2));
            compare("vicuna idx " + r.get("idx").asInt(), prompt, format.userMessage(grading), mismatches);
            braces += prompt.contains("{") || prompt.contains("\\") ? 1 : 0;
        }
        assertThat(mismatches).isEmpty();
        assertThat(braces).as("prompts with braces or backslashes in user text (one-pass filling)").isPositive();
    }

    @Test
    void everyHhhPromptIsRenderedByteForByteWithoutAReference() throws IOException {
        JsonNode records = read("hhh_alignment_eval.json");
        assertThat(records.size()).as("hhh_alignment_eval.json records").isEqualTo(221);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < records.size(); i++) {
            for (String field : List.of("chosen_instruction", "rejected_instruction")) {
                String prompt = records.get(i).get(field).asText();
                List<String> parts = cut(prompt, INSTRUCTION, RESPONSE, RUBRIC, FEEDBACK);
                AbsoluteGrading grading = new AbsoluteGrading(parts.get(0), parts.get(1), parseRubric(parts.get(2)),
                        null);
                compare("hhh record " + i + " " + field, prompt, format.userMessage(grading), mismatches);
                compared++;
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isEqualTo(442);
    }

    /**
     * prometheus-bench/README.md calls vicuna's prompt "the older variant"; its skeleton (the text outside the
     * filled parts: the task description and the section headers) is nevertheless exactly format.json's
     * absolute_with_reference in every record, and hhh's is exactly absolute_without_reference.
     */
    @Test
    void theBenchmarkTemplatesAreExactlyTheTemplatesOfFormatJson() throws IOException {
        JsonNode formatJson = new ObjectMapper().readTree(
                PrometheusFormat.class.getResourceAsStream("/dev/rubric/prometheus/format.json"));
        String withReference = formatJson.get("absolute_with_reference").asText();
        String withoutReference = formatJson.get("absolute_without_reference").asText();
        for (JsonNode r : read("vicuna_eval.json")) {
            assertThat(skeleton(r.get("instruction").asText(),
                    List.of("{instruction}", "{response}", "{reference_answer}", "{rubric}"),
                    INSTRUCTION, RESPONSE, REFERENCE, RUBRIC, FEEDBACK))
                    .as("vicuna idx %s", r.get("idx")).isEqualTo(withReference);
        }
        for (JsonNode r : read("hhh_alignment_eval.json")) {
            for (String field : List.of("chosen_instruction", "rejected_instruction")) {
                assertThat(skeleton(r.get(field).asText(), List.of("{instruction}", "{response}", "{rubric}"),
                        INSTRUCTION, RESPONSE, RUBRIC, FEEDBACK)).isEqualTo(withoutReference);
            }
        }
    }

    /** The prompt's text before the first header, then each header followed by its placeholder. */
    private static String skeleton(String prompt, List<String> placeholders, String... headers) {
        cut(prompt, headers);
        StringBuilder s = new StringBuilder(prompt.substring(0, prompt.indexOf(headers[0])));
        for (int i = 0; i < headers.length; i++) {
            s.append(headers[i]);
            if (i < placeholders.size()) {
                s.append(placeholders.get(i));
            }
        }
        return s.toString();
    }

    private static void compare(String where, String expected, String actual, List<String> mismatches) {
        if (expected.equals(actual)) {
            return;
        }
        int at = 0;
        while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        mismatches.add(where + ": first difference at char " + at + ": expected \""
                + snippet(expected, at) + "\" but rendered \"" + snippet(actual, at) + "\"");
    }

    private static String snippet(String s, int at) {
        return s.substring(Math.max(0, at - 20), Math.min(s.length(), at + 40)).replace("\n", "\\n");
    }

    /**
     * The texts between consecutive headers; the first header must open a section after the task description and
     * the last one ({@code ###Feedback: }) must end the prompt.
     */
    static List<String> cut(String prompt, String... headers) {
        int start = prompt.indexOf(headers[0]);
        if (start < 0) {
            fail("no \"" + headers[0].strip() + "\" section in prompt: " + prompt.substring(0, Math.min(200, prompt.length())));
        }
        int from = start + headers[0].length();
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < headers.length; i++) {
            int at = prompt.indexOf(headers[i], from);
            if (at < 0) {
                fail("no \"" + headers[i].strip() + "\" section after position " + from);
            }
            parts.add(prompt.substring(from, at));
            from = at + headers[i].length();
        }
        assertThat(from).as("the prompt ends with the feedback header").isEqualTo(prompt.length());
        return parts;
    }

    /** {@code [criteria]\nScore 1: ...\nScore 2: ...} up to {@code Score 5: ...} back into a Rubric. */
    static Rubric parseRubric(String block) {
        String[] markers = {"]\nScore 1: ", "\nScore 2: ", "\nScore 3: ", "\nScore 4: ", "\nScore 5: "};
        assertThat(block).startsWith("[");
        int from = 1;
        List<String> pieces = new ArrayList<>();
        for (String marker : markers) {
            int at = block.indexOf(marker, from);
            if (at < 0) {
                fail("rubric block lacks \"" + marker.strip() + "\": " + block);
            }
            pieces.add(block.substring(from, at));
            from = at + marker.length();
        }
        pieces.add(block.substring(from));
        return Rubric.of(pieces.get(0), pieces.get(1), pieces.get(2), pieces.get(3), pieces.get(4), pieces.get(5));
    }

    private static JsonNode read(String name) throws IOException {
        Path file = SharedBench.file(name);
        return new ObjectMapper().readTree(Files.readString(file));
    }
}
