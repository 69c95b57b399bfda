package dev.rubric.maven.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.stats.PairwiseAccuracy.Preference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Reads a folder of calibration sets: every {@code *.jsonl} file in it (not below it), in name order, one JSON object
 * per line (blank lines skipped). The format is in docs/calibration.md. A mistake fails the whole read with the file,
 * the line, the field and the way out: a calibration that silently dropped records would measure something else.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CalibrationSets {

    /** A file of human labels is small; larger is a mistake (a data dump, a binary). */
    static final long MAX_FILE_BYTES = 64L << 20;

    private static final Set<String> ABSOLUTE_FIELDS = Set.of("id", "rubric", "instruction", "response", "reference",
            "human");
    private static final Set<String> PAIRWISE_FIELDS = Set.of("id", "rubric", "instruction", "responseA", "responseB",
            "reference", "human");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path projectDirectory;
    private final Map<String, Rubric> rubricFiles = new HashMap<>();

    private CalibrationSets(Path projectDirectory) {
        this.projectDirectory = projectDirectory;
    }

    /**
     * @param folder           the calibration folder
     * @param projectDirectory what a rubric file's path is relative to
     * @return the records of every file, in file then line order
     * @throws CalibrationException for a missing folder, an unreadable file or a bad record
     */
    public static List<CalibrationRecord> read(Path folder, Path projectDirectory) {
        if (!Files.isDirectory(folder)) {
            throw new CalibrationException("no calibration sets: " + folder + " is not a folder; put human-labelled"
                    + " examples there as *.jsonl files (docs/calibration.md), or point -Drubric.calibration.directory"
                    + " at them");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new CalibrationException("cannot list the calibration folder " + folder + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CalibrationException("no calibration sets: " + folder + " has no *.jsonl file; add"
                    + " human-labelled examples (docs/calibration.md)");
        }
        CalibrationSets reader = new CalibrationSets(projectDirectory);
        List<CalibrationRecord> records = new ArrayList<>();
        for (Path file : files) {
            records.addAll(reader.file(file));
        }
        if (records.isEmpty()) {
            throw new CalibrationException("no calibration records in the *.jsonl files of " + folder
                    + " (every line is blank)");
        }
        return records;
    }

    private List<CalibrationRecord> file(Path file) {
        String name = file.getFileName().toString();
        List<CalibrationRecord> records = new ArrayList<>();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CalibrationException(name + " has " + size + " bytes, more than a calibration set may ("
                        + MAX_FILE_BYTES + "): split it, or remove what is not human-labelled examples");
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int lineNumber = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        records.add(record(name + ":" + lineNumber, line));
                    }
                }
            }
        } catch (IOException e) {
            throw new CalibrationException("cannot read the calibration set " + file + ": " + e.getMessage());
        }
        return records;
    }

    /** One line: an absolute record (with {@code response}) or a pairwise one (with {@code responseA/B}). */
    CalibrationRecord record(String source, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CalibrationException(source + ": not a JSON object: " + e.getOriginalMessage()
                    + " (each line of a .jsonl file is one whole JSON object)");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new CalibrationException(source + ": a calibration record is a JSON object, got " + node.getNodeType()
                    .toString().toLowerCase(Locale.ROOT));
        }
        boolean pairwise = object.has("responseA") || object.has("responseB");
        Set<String> known = pairwise ? PAIRWISE_FIELDS : ABSOLUTE_FIELDS;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new CalibrationException(source + ": unknown field \"" + field + "\" in "
                        + (pairwise ? "a pairwise" : "an absolute") + " record; its fields are " + known.stream().sorted()
                        .toList() + (pairwise && field.equals("response") ? " (a record has either response, or"
                        + " responseA and responseB)" : ""));
            }
        }
        String id = object.has("id") ? text(source, object, "id") : source;
        Rubric rubric = rubric(source, text(source, object, "rubric"));
        String instruction = text(source, object, "instruction");
        String reference = object.hasNonNull("reference") ? text(source, object, "reference") : null;
        if (pairwise) {
            return new CalibrationRecord.Pairwise(source, id, rubric, instruction, text(source, object, "responseA"),
                    text(source, object, "responseB"), reference, preference(source, object.get("human")));
        }
        return new CalibrationRecord.Absolute(source, id, rubric, instruction, text(source, object, "response"),
                reference, scores(source, object.get("human")));
    }

    private static String text(String source, ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new CalibrationException(source + ": \"" + field + "\" is missing");
        }
        if (!value.isTextual()) {
            throw new CalibrationException(source + ": \"" + field + "\" must be a string, got " + value);
        }
        return value.asText();
    }

    private static List<Integer> scores(String source, JsonNode human) {
        if (human == null || human.isNull()) {
            throw new CalibrationException(source + ": \"human\" is missing: the people's score, 1 to 5, or a list"
                    + " of several raters' scores");
        }
        List<JsonNode> values = new ArrayList<>();
        if (human.isArray()) {
            human.forEach(values::add);
        } else {
            values.add(human);
        }
        List<Integer> scores = new ArrayList<>();
        for (JsonNode v : values) {
            if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > Rubric.LEVELS) {
                throw new CalibrationException(source + ": \"human\" must be a score from 1 to 5 or a list of them,"
                        + " got " + human);
            }
            scores.add(v.asInt());
        }
        if (scores.isEmpty()) {
            throw new CalibrationException(source + ": \"human\" is an empty list: give at least one rater's score");
        }
        return scores;
    }

    private static Preference preference(String source, JsonNode human) {
        String value = human == null || !human.isTextual() ? null : human.asText().strip().toUpperCase(Locale.ROOT);
        if ("A".equals(value)) {
            return Preference.FIRST;
        }
        if ("B".equals(value)) {
            return Preference.SECOND;
        }
        if ("TIE".equals(value)) {
            return Preference.TIE;
        }
        throw new CalibrationException(source + ": \"human\" of a pairwise record is \"A\", \"B\" or \"tie\" (which"
                + " response people preferred), got " + (human == null ? "nothing" : human));
    }

    /** A predefined rubric by name, or a rubric file (.yaml, .yml, .json) relative to the project's folder. */
    private Rubric rubric(String source, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
            return Rubrics.find(name).orElseThrow(() -> new CalibrationException(source + ": no predefined rubric is"
                    + " called \"" + name + "\"; use one of " + Rubrics.all().keySet().stream().sorted().toList()
                    + ", or the path of a rubric file (.yaml, .yml, .json) relative to the project folder"));
        }
        Rubric known = rubricFiles.get(name);
        if (known != null) {
            return known;
        }
        Path file = projectDirectory.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new CalibrationException(source + ": the rubric file " + name + " is not there (looked for " + file
                    + "); rubric files are given relative to the project folder, such as"
                    + " src/test/resources/rubrics/tone.yaml");
        }
        try {
            Rubric rubric = Rubric.load(file);
            rubricFiles.put(name, rubric);
            return rubric;
        } catch (RuntimeException e) {
            throw new CalibrationException(source + ": the rubric file " + name + " cannot be read: " + e.getMessage());
        }
    }
}
