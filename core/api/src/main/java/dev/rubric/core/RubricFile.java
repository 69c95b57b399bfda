package dev.rubric.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link Rubric} from a YAML or JSON file: {@code name} (optional; the file's name otherwise),
 * {@code criteria}, and the five score descriptions as {@code score1}..{@code score5}, as
 * {@code score1_description}..{@code score5_description} (the keys of Prometheus' own format), or as
 * {@code scores}, a list of five. Values are stripped of surrounding whitespace (YAML block scalars end in a
 * newline that must not reach the prompt). Errors name the file, the line and the field.
 */
final class RubricFile {

    private static final Set<String> EXTENSIONS = Set.of("yaml", "yml", "json");
    private static final String NEEDS_FIVE = "a rubric needs descriptions for scores 1 to 5";

    private final String source;

    private RubricFile(String source) {
        this.source = source;
    }

    static Rubric load(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("rubric file " + file + " does not exist (looked for "
                    + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rubric file " + file + ": " + e, e);
        }
        return new RubricFile(file.toString()).parse(name, text);
    }

    static Rubric loadResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = RubricFile.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no rubric resource " + path + " on the classpath (put it under"
                        + " src/test/resources/" + path + " or load a file with Rubric.load(Path))");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RubricFile("classpath:" + path).parse(path.substring(path.lastIndexOf('/') + 1), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rubric resource " + path + ": " + e, e);
        }
    }

    private Rubric parse(String fileName, String text) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException(source + ": a rubric file must end in .yaml, .yml or .json, not \""
                    + (extension.isEmpty() ? fileName : "." + extension) + "\"");
        }
        String stem = fileName.substring(0, dot);
        // the one reader of rubric and cases files: aliases as YAML defines them, duplicate keys, extra documents and
        // oversized files refused with the line
        StructuredText file = StructuredText.read(source, text, !extension.equals("json"));
        JsonNode root = file.root();
        if (root == null) {
            throw error(1, "the file is empty: " + example());
        }
        int mappingLine = file.line(root);
        if (!root.isObject()) {
            throw error(mappingLine, "a rubric file holds one mapping, not " + kind(root) + ": " + example());
        }
        Map<String, Located> fields = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> fields.put(e.getKey(), new Located(e.getValue(), file.line(root, e.getKey()))));
        return toRubric(stem, fields, mappingLine);
    }

    private Rubric toRubric(String stem, Map<String, Located> fields, int mappingLine) {
        for (Map.Entry<String, Located> f : fields.entrySet()) {
            if (!known(f.getKey())) {
                throw error(f.getValue().line(), "unknown field \"" + f.getKey() + "\": the fields are name,"
                        + " criteria and score1 to score5 (or score1_description to score5_description, or scores:"
                        + " a list of five)");
            }
        }
        String name = fields.containsKey("name") ? text("name", fields.get("name")) : stem;
        if (!fields.containsKey("criteria")) {
            throw error(mappingLine, "criteria is missing: a rubric needs the question the judge answers, e.g."
                    + " \"criteria: Is the answer polite?\"");
        }
        String criteria = text("criteria", fields.get("criteria"));
        List<String> levels = fields.containsKey("scores") ? scoreList(fields) : scoreFields(fields, mappingLine);
        return new Rubric(name, criteria, levels);
    }

    private List<String> scoreList(Map<String, Located> fields) {
        Located scores = fields.get("scores");
        for (String f : fields.keySet()) {
            if (f.matches("score[1-5](_description)?")) {
                throw error(fields.get(f).line(), f + " and scores: both give score descriptions: use one of them");
            }
        }
        if (!scores.value().isArray()) {
            throw error(scores.line(), "scores must be a list of five descriptions (score 1 first), not "
                    + kind(scores.value()));
        }
        if (scores.value().size() != Rubric.LEVELS) {
            throw error(scores.line(), "scores has " + scores.value().size() + " entries: " + NEEDS_FIVE
                    + ", a list of exactly five (score 1 first)");
        }
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < Rubric.LEVELS; i++) {
            levels.add(text("scores entry " + (i + 1) + " (score " + (i + 1) + ")",
                    new Located(scores.value().get(i), scores.line())));
        }
        return levels;
    }

    private List<String> scoreFields(Map<String, Located> fields, int mappingLine) {
        List<String> levels = new ArrayList<>();
        for (int level = 1; level <= Rubric.LEVELS; level++) {
            String shortKey = "score" + level;
            String longKey = shortKey + "_description";
            Located a = fields.get(shortKey);
            Located b = fields.get(longKey);
            if (a != null && b != null) {
                throw error(b.line(), longKey + " repeats " + shortKey + " (line " + a.line() + "): give one");
            }
            if (a == null && b == null) {
                throw error(mappingLine, shortKey + " is missing: " + NEEDS_FIVE + " (score1 to score5)");
            }
            levels.add(a != null ? text(shortKey, a) : text(longKey, b));
        }
        return levels;
    }

    private String text(String field, Located located) {
        JsonNode v = located.value();
        if (v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.asText().isEmpty())) {
            throw error(located.line(), field + " is empty: give it a text");
        }
        if (!v.isValueNode()) {
            throw error(located.line(), field + " must be a text, not " + kind(v));
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            throw error(located.line(), field + " is blank: give it a text");
        }
        return s;
    }

    private static boolean known(String field) {
        return field.equals("name") || field.equals("criteria") || field.equals("scores")
                || field.matches("score[1-5](_description)?");
    }

    private IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException(source + " line " + line + ": " + message);
    }

    private static String kind(JsonNode v) {
        return v.isArray() ? "a list" : v.isObject() ? "a mapping" : v.isTextual() ? "a text"
                : "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String example() {
        return "write criteria: ... and score1: ... to score5: ...";
    }

    private record Located(JsonNode value, int line) {
    }
}
