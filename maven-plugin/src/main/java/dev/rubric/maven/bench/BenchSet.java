package dev.rubric.maven.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One of prometheus-eval's meta-evaluation files, read in its own format (shared/prometheus-bench/README.md), and the
 * gradings it asks of the judge. The format is told by the records' fields, not the file's name, so a renamed copy or
 * a slice reads the same:
 * <ul>
 *   <li>{@link Absolute}: a JSON array of {@code instruction} (the whole filled absolute prompt) and
 *       {@code gpt4_score} (GPT-4's scores): vicuna_eval, mt_bench_eval, flask_eval;</li>
 *   <li>{@link Hhh}: a JSON array of {@code source}, {@code chosen_instruction} and {@code rejected_instruction} (two
 *       filled absolute prompts): hhh_alignment_eval;</li>
 *   <li>{@link AutoJ}: JSON Lines of {@code prompt}, {@code response 1}, {@code response 2} and {@code label} (0: the
 *       first is better, 1: the second, 2: a tie): autoj_pairwise.</li>
 * </ul>
 * Filled prompts go to the judge verbatim ({@link AbsoluteGrading#prefilled}); Auto-J has no filled prompts, so its
 * pairs are rendered in the relative format with Rubric's helpfulness criteria.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public sealed interface BenchSet permits BenchSet.Absolute, BenchSet.Hhh, BenchSet.AutoJ {

    /** No benchmark file comes near this; a larger one is not one. */
    long MAX_BYTES = 256L << 20;

    /** The file's name, as the results file and the table name it. */
    String name();

    /** How many records the file has. */
    int size();

    /** Every grading the file asks for, under ids {@link BenchResult} finds again. */
    GradingBatch batch();

    /** One absolute record: the filled prompt and GPT-4's scores of it. */
    record AbsoluteItem(String prompt, List<Integer> gpt4Scores) {
        public AbsoluteItem {
            Objects.requireNonNull(prompt, "prompt");
            gpt4Scores = List.copyOf(gpt4Scores);
        }

        double gpt4Mean() {
            return gpt4Scores.stream().mapToInt(Integer::intValue).average().orElseThrow();
        }
    }

    /** Absolute records: the judge's mean score is correlated with GPT-4's mean score. */
    record Absolute(String name, List<AbsoluteItem> items) implements BenchSet {
        public Absolute {
            items = List.copyOf(items);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public GradingBatch batch() {
            List<GradingRequest> gradings = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                gradings.add(GradingRequest.of(id(i), AbsoluteGrading.prefilled(items.get(i).prompt(), rubric(name))));
            }
            return GradingBatch.of(gradings);
        }

        static String id(int record) {
            return "r" + record;
        }
    }

    /** One HHH record: its source (helpful, harmless, honest, other) and the filled prompts of both responses. */
    record HhhItem(String source, String chosenPrompt, String rejectedPrompt) {
        public HhhItem {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(chosenPrompt, "chosenPrompt");
            Objects.requireNonNull(rejectedPrompt, "rejectedPrompt");
        }
    }

    /** HHH records: each response is scored alone; right when the chosen one's mean score is higher. */
    record Hhh(String name, List<HhhItem> items) implements BenchSet {
        public Hhh {
            items = List.copyOf(items);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public GradingBatch batch() {
            List<GradingRequest> gradings = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                gradings.add(GradingRequest.of(id(i, true), AbsoluteGrading.prefilled(items.get(i).chosenPrompt(),
                        rubric(name))));
                gradings.add(GradingRequest.of(id(i, false), AbsoluteGrading.prefilled(items.get(i).rejectedPrompt(),
                        rubric(name))));
            }
            return GradingBatch.of(gradings);
        }

        static String id(int record, boolean chosen) {
            return "r" + record + (chosen ? "-chosen" : "-rejected");
        }
    }

    /** One Auto-J pair and what people preferred: 0 the first response, 1 the second, 2 a tie. */
    record AutoJItem(String scenario, String prompt, String response1, String response2, int label) {
        public AutoJItem {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(response1, "response1");
            Objects.requireNonNull(response2, "response2");
            if (label < 0 || label > 2) {
                throw new IllegalArgumentException("label must be 0, 1 or 2, got " + label);
            }
        }
    }

    /** Auto-J pairs: the judge picks A (response 1) or B (response 2); accuracy with and without the ties. */
    record AutoJ(String name, List<AutoJItem> items) implements BenchSet {
        public AutoJ {
            items = List.copyOf(items);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public GradingBatch batch() {
            List<GradingRequest> gradings = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                AutoJItem item = items.get(i);
                gradings.add(GradingRequest.of(id(i), new PairwiseGrading(item.prompt(), item.response1(),
                        item.response2(), Rubrics.HELPFULNESS, null)));
            }
            return GradingBatch.of(gradings);
        }

        static String id(int record) {
            return "r" + record;
        }
    }

    /** Names the pre-filled gradings of a file in results; the prompt holds the real rubric. */
    private static Rubric rubric(String file) {
        return Rubrics.HELPFULNESS.named("bench:" + file);
    }

    /**
     * Reads a benchmark file.
     *
     * @throws IllegalArgumentException when it is none of the three formats, or a record lacks a field, naming the
     *                                  file, the record and the field
     */
    static BenchSet read(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(file + " has " + size + " bytes, more than any prometheus-eval"
                        + " benchmark file: it is not one");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark file " + file + ": " + e.getMessage()
                    + " (give -Drubric.bench.data the path of vicuna_eval.json, hhh_alignment_eval.json,"
                    + " autoj_pairwise.json or a file in their format)", e);
        }
        List<JsonNode> records = records(file, text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " has no records");
        }
        JsonNode first = records.get(0);
        if (first.has("gpt4_score") && first.has("instruction")) {
            List<AbsoluteItem> items = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                JsonNode r = records.get(i);
                items.add(new AbsoluteItem(text(file, i, r, "instruction"), scores(file, i, r)));
            }
            return new Absolute(name, items);
        }
        if (first.has("chosen_instruction") && first.has("rejected_instruction")) {
            List<HhhItem> items = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                JsonNode r = records.get(i);
                items.add(new HhhItem(r.path("source").asText("all"), text(file, i, r, "chosen_instruction"),
                        text(file, i, r, "rejected_instruction")));
            }
            return new Hhh(name, items);
        }
        if (first.has("label") && first.has("response 1") && first.has("response 2")) {
            List<AutoJItem> items = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                JsonNode r = records.get(i);
                JsonNode label = r.get("label");
                if (label == null || !label.canConvertToInt() || label.asInt() < 0 || label.asInt() > 2) {
                    throw new IllegalArgumentException(file + " record " + (i + 1) + ": label must be 0 (response 1"
                            + " better), 1 (response 2 better) or 2 (tie), got " + label);
                }
                items.add(new AutoJItem(r.path("scenario").asText(""), text(file, i, r, "prompt"),
                        response(file, i, r, "response 1"), response(file, i, r, "response 2"), label.asInt()));
            }
            return new AutoJ(name, items);
        }
        throw new IllegalArgumentException(file + " is not a prometheus-eval benchmark file this goal reads: its"
                + " records have none of instruction + gpt4_score (vicuna, mt_bench, flask), chosen_instruction +"
                + " rejected_instruction (hhh_alignment), or prompt + response 1 + response 2 + label (Auto-J)");
    }

    /** A JSON array's objects, or one object per non-blank line (JSON Lines). */
    private static List<JsonNode> records(Path file, String text) {
        List<JsonNode> out = new ArrayList<>();
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("[")) {
                ResultsFiles.mapper().readTree(trimmed).forEach(out::add);
            } else {
                String[] lines = trimmed.split("\\R");
                for (int i = 0; i < lines.length; i++) {
                    if (!lines[i].isBlank()) {
                        out.add(line(file, i, lines[i]));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).isObject()) {
                throw new IllegalArgumentException(file + " record " + (i + 1) + " is not a JSON object");
            }
        }
        return out;
    }

    private static JsonNode line(Path file, int index, String line) {
        try {
            return ResultsFiles.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " line " + (index + 1) + " is not a JSON object: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String text(Path file, int index, JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(file + " record " + (index + 1) + " has no text in \"" + field + "\"");
        }
        return v.asText();
    }

    /** A response may be empty (Auto-J has one): a judge grades what a model answered, even nothing. */
    private static String response(Path file, int index, JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + " record " + (index + 1) + " has no text in \"" + field + "\"");
        }
        return v.asText();
    }

    private static List<Integer> scores(Path file, int index, JsonNode record) {
        JsonNode v = record.get("gpt4_score");
        List<Integer> scores = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(s -> scores.add(s.canConvertToInt() ? s.asInt() : -1));
        } else if (v != null && v.canConvertToInt()) {
            scores.add(v.asInt());
        }
        if (scores.isEmpty() || scores.stream().anyMatch(s -> s < 1 || s > Rubric.LEVELS)) {
            throw new IllegalArgumentException(file + " record " + (index + 1) + ": gpt4_score must be scores from 1"
                    + " to 5 (a list, or one), got " + v);
        }
        return scores;
    }
}
