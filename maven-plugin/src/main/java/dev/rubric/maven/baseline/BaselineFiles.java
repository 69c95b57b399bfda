package dev.rubric.maven.baseline;

import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.gate.RubricSelector;
import dev.rubric.maven.gate.ScopeStats;
import dev.rubric.maven.gate.Scope;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.merge.MergedResults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rubric.results.AtomicFiles;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes, writes and reads baselines: sorted keys, one value per line, '\n' line ends, rounded numbers. Pass rates in
 * a baseline count tests by their own verdict, as the gate does ({@code ScopeStats}).
 */
public final class BaselineFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .defaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
            .build();

    private BaselineFiles() {
    }

    /** The baseline of merged results. */
    public static Baseline of(MergedResults merged) {
        List<String> judges = merged.judges().stream().map(BaselineFiles::judgeName).sorted().distinct().toList();
        Map<String, Baseline.RubricSnapshot> rubrics = new TreeMap<>();
        for (String rubric : ResultsMerger.rubricNames(merged.tests())) {
            ScopeStats s = ScopeStats.of(Scope.rubric(rubric), Scope.rubric(rubric).select(merged.tests()));
            rubrics.put(rubric, new Baseline.RubricSnapshot(s.tests(), round(s.passRate()), round(s.meanScore())));
        }
        List<Baseline.TestSnapshot> tests = new ArrayList<>();
        for (GatedTest t : merged.tests()) {
            Map<String, Double> scores = new TreeMap<>();
            Map<String, String> outcomes = new TreeMap<>();
            List<String> used = ResultsMerger.rubricNames(List.of(t));
            for (String rubric : used) {
                Double mean = round(mean(t.scores(new RubricSelector(rubric))));
                if (mean != null) {
                    scores.put(rubric, mean);
                }
                if (used.size() > 1) {
                    Scope.rubric(rubric).select(List.of(t)).forEach(st -> outcomes.put(rubric,
                            String.valueOf(st.outcome())));
                }
            }
            Baseline.SampleSnapshot samples = t.samples() == null ? null : new Baseline.SampleSnapshot(
                    t.samples().planned(), t.samples().run(), t.samples().passed(), !t.ranEverySample());
            List<Baseline.VerdictSnapshot> verdicts = t.verdicts().stream()
                    .map(v -> new Baseline.VerdictSnapshot(v.rubric(), v.score(), v.winner(), v.sampleScores()))
                    .toList();
            tests.add(new Baseline.TestSnapshot(t.id(), t.className(), t.methodName(), t.displayName(),
                    t.tags().stream().sorted().toList(), String.valueOf(t.outcome()), round(mean(t.scores(null))),
                    scores, outcomes, samples, verdicts));
        }
        tests.sort(Comparator.comparing(Baseline.TestSnapshot::id));
        return new Baseline(Baseline.SCHEMA_VERSION, judges, rubrics, tests);
    }

    /** Writes the baseline atomically: a reader (or a build that stops half-way) never sees half a baseline. */
    public static void write(Path file, Baseline baseline) {
        try {
            AtomicFiles.write(file, (MAPPER.writeValueAsString(baseline) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rubric baseline " + file + ": " + e.getMessage()
                    + " (check that its folder is writable, or set <baseline> to another path)", e);
        }
    }

    public static Baseline read(Path file) {
        try {
            Baseline b = MAPPER.readValue(file.toFile(), Baseline.class);
            if (b.schemaVersion() > Baseline.SCHEMA_VERSION) {
                throw new IllegalStateException("the rubric baseline " + file + " has schema version "
                        + b.schemaVersion() + " but this plugin reads up to " + Baseline.SCHEMA_VERSION
                        + ": upgrade rubric-maven-plugin, or write the baseline again with mvn rubric:baseline");
            }
            return b;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the rubric baseline " + file + " is not valid baseline JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage()
                    + "; fix it, or write it again with mvn rubric:baseline", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric baseline " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a baseline test counts as passed, for "new failures". */
    public static boolean passed(Baseline.TestSnapshot t) {
        return Outcome.PASSED.name().equals(t.outcome());
    }

    public static String judgeName(JudgeRecord j) {
        return j.description() != null ? j.description() : String.valueOf(j.fingerprintId());
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Four decimals, so that floating-point noise does not show up in diffs; NaN becomes absent. */
    public static Double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
