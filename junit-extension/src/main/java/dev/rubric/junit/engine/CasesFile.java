package dev.rubric.junit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rubric.core.StructuredText;
import dev.rubric.junit.Case;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the cases of a {@code @Cases} file: JSON Lines, a JSON array or YAML, from the classpath (next to the test
 * class, then from the root) or from a path. Every problem is a {@link Problem} that names the file and the line.
 */
final class CasesFile {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A cases file that cannot be used, with the file and line in the message. */
    static final class Problem extends Exception {
        Problem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private CasesFile() {
    }

    static List<Case> load(Class<?> testClass, String location) throws Problem {
        String text = read(testClass, location);
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return jsonLines(location, text);
        }
        if (lower.endsWith(".json")) {
            return list(location, text, false);
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return list(location, text, true);
        }
        throw new Problem("the cases file " + location + " has an unknown format: name it .jsonl (one JSON object a"
                + " line), .json (an array of objects) or .yaml", null);
    }

    private static String read(Class<?> testClass, String location) throws Problem {
        try {
            URL url = testClass.getResource(location);
            if (url == null) {
                ClassLoader loader = testClass.getClassLoader();
                url = loader == null ? null : loader.getResource(location.startsWith("/") ? location.substring(1) : location);
            }
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path path = Path.of(location);
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            throw new Problem("cannot read the cases file " + location + ": " + e.getMessage(), e);
        }
        throw new Problem("the cases file " + location + " is neither a classpath resource (next to "
                + testClass.getName() + " or at the classpath root) nor a file relative to "
                + Path.of("").toAbsolutePath() + ": put it in src/test/resources or give its path", null);
    }

    private static List<Case> jsonLines(String location, String text) throws Problem {
        if (text.length() > StructuredText.MAX_CHARS) {
            throw new Problem(location + ": the file has " + String.format(Locale.ROOT, "%,d", text.length())
                    + " characters, more than the " + String.format(Locale.ROOT, "%,d", StructuredText.MAX_CHARS)
                    + " a rubric or cases file may hold: split it into several files", null);
        }
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            JsonNode node;
            try {
                node = StructuredText.read(location, line, false).root();
            } catch (IllegalArgumentException e) {
                String why = e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(location) + " line \\d+: ", "");
                throw new Problem(location + " line " + lineNumber + (why.startsWith("not valid JSON: ")
                        ? " is not valid JSON: " + why.substring("not valid JSON: ".length()) : ": " + why), e);
            }
            cases.add(toCase(location, "line " + lineNumber, node));
        }
        if (cases.isEmpty()) {
            throw new Problem("the cases file " + location + " has no cases: add at least one (an object with an"
                    + " \"instruction\")", null);
        }
        return cases;
    }

    private static List<Case> list(String location, String text, boolean yaml) throws Problem {
        StructuredText file;
        try {
            // the one reader of rubric and cases files (rubric-core): aliases resolved, duplicate keys, extra
            // documents and oversized files refused with the line
            file = StructuredText.read(location, text, yaml);
        } catch (IllegalArgumentException e) {
            throw new Problem(e.getMessage(), e);
        }
        JsonNode root = file.root();
        if (root == null || !root.isArray()) {
            throw new Problem("the cases file " + location + " must hold a list of cases (objects with an"
                    + " \"instruction\"), not " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)), null);
        }
        if (root.isEmpty()) {
            throw new Problem("the cases file " + location + " has no cases: add at least one (an object with an"
                    + " \"instruction\")", null);
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            cases.add(toCase(location, "line " + file.line(root, i) + ", case " + (i + 1), root.get(i)));
        }
        return cases;
    }

    private static Case toCase(String location, String where, JsonNode node) throws Problem {
        if (!node.isObject()) {
            throw new Problem(location + " " + where + " is not an object with an \"instruction\"", null);
        }
        JsonNode instruction = node.get("instruction");
        if (instruction == null || !instruction.isTextual() || instruction.asText().isBlank()) {
            throw new Problem(location + " " + where + " has no \"instruction\" (text): every case needs one", null);
        }
        List<String> tags = new ArrayList<>();
        JsonNode t = node.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw new Problem(location + " " + where + ": \"tags\" must be a list of texts, not "
                        + kind(t), null);
            }
            for (int i = 0; i < t.size(); i++) {
                if (!t.get(i).isTextual() || t.get(i).asText().isBlank()) {
                    throw new Problem(location + " " + where + ": tag " + (i + 1) + " of \"tags\" must be "
                            + (t.get(i).isTextual() ? "a text that is not blank" : "a text, not " + kind(t.get(i))),
                            null);
                }
                tags.add(t.get(i).asText());
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!List.of("name", "instruction", "reference", "tags").contains(e.getKey())) {
                fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return new Case(text(location, where, node, "name"), instruction.asText(),
                text(location, where, node, "reference"), tags, fields);
    }

    private static String kind(JsonNode v) {
        return v.isNull() ? "null" : v.isArray() ? "a list" : v.isObject() ? "a mapping" : v.isTextual() ? "a text"
                : "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** An optional text field: absent or null is none; anything but a text is an error. */
    private static String text(String location, String where, JsonNode node, String field) throws Problem {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Problem(location + " " + where + ": \"" + field + "\" must be a text, not " + kind(v), null);
        }
        return v.asText();
    }
}
