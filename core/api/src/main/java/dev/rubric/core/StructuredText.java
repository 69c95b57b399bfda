package dev.rubric.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The one reader of the YAML and JSON files people write for Rubric (rubric files, {@code @Cases} files): a tree of
 * the file as written, with the line of every value, or an error that names the file and the line. Strict where a
 * lenient reader would guess: a key given twice in a mapping, a second YAML document, and a file larger than
 * {@link #MAX_CHARS} are errors. An alias ({@code *name}) of a list or mapping stands for a copy of what its anchor
 * ({@code &name}) marks, as YAML defines it; an alias of a single text is refused with its line (Jackson's YAML parser
 * does not report a text's anchor, and its tree reader would read the alias's name as the text). What aliases expand
 * to is bounded ({@link #MAX_NODES}), so that a few lines cannot expand to gigabytes.
 * YAML 1.1 merge keys ({@code <<}) are refused: YAML 1.2 has none, and a reader that takes them for a key misreads.
 */
@API(status = INTERNAL, since = "0.1")
public final class StructuredText {

    /** The largest file read, in characters: larger ones are refused before parsing, with this limit named. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    /** The most values (text, numbers, lists, mappings) one file may hold once its aliases are expanded. */
    public static final int MAX_NODES = 1_000_000;

    private final String source;
    private final JsonNode root;
    private final Map<JsonNode, Integer> lines;
    private final Map<JsonNode, Map<String, Integer>> keyLines;
    private final Map<JsonNode, java.util.List<Integer>> itemLines;

    private StructuredText(String source, JsonNode root, Reader reader) {
        this.source = source;
        this.root = root;
        this.lines = reader.lines;
        this.keyLines = reader.keyLines;
        this.itemLines = reader.itemLines;
    }

    /**
     * Reads a file's text.
     *
     * @param source what errors call the file (its path, or {@code classpath:...})
     * @param yaml   YAML (else JSON)
     * @throws IllegalArgumentException "SOURCE line N: ...", for text that is not what it should be
     */
    public static StructuredText read(String source, String text, boolean yaml) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException(source + ": the file has " + String.format(Locale.ROOT, "%,d",
                    text.length()) + " characters, more than the " + String.format(Locale.ROOT, "%,d", MAX_CHARS)
                    + " a rubric or cases file may hold: split it into several files");
        }
        JsonFactory factory = yaml ? YAMLFactory.builder()
                .loaderOptions(loaderOptions()).build() : new JsonFactory();
        Reader reader = new Reader(source, yaml);
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            JsonNode root = first == null ? null : reader.value(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw reader.error(line(parser), "a second " + (yaml ? "YAML document" : "JSON value")
                        + " follows the first: a file holds one");
            }
            return new StructuredText(source, root, reader);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + " line " + line + ": not valid " + (yaml ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e, e);
        }
    }

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        // our own limit (MAX_CHARS) is checked first, with a message that names it; this one only must not be lower
        options.setCodePointLimit(MAX_CHARS + 1);
        return options;
    }

    /** The file's value: a mapping, a list or a scalar; {@code null} for an empty file. */
    public JsonNode root() {
        return root;
    }

    /** The line a mapping or list of this file starts on (for an alias: the line of the alias), 1 if unknown. */
    public int line(JsonNode node) {
        return lines.getOrDefault(node, 1);
    }

    /** The line of a key of a mapping of this file, else the mapping's. */
    public int line(JsonNode mapping, String key) {
        Map<String, Integer> keys = keyLines.get(mapping);
        return keys != null && keys.containsKey(key) ? keys.get(key) : line(mapping);
    }

    /** The line of an entry of a list of this file, else the list's. */
    public int line(JsonNode list, int index) {
        java.util.List<Integer> items = itemLines.get(list);
        return items != null && index < items.size() ? items.get(index) : line(list);
    }

    /** The file's name, as errors give it. */
    public String source() {
        return source;
    }

    /** An error about a value of this file: "SOURCE line N: message". */
    public IllegalArgumentException error(JsonNode node, String message) {
        return new IllegalArgumentException(source + " line " + line(node) + ": " + message);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** Builds the tree token by token, with lines, anchors and the checks. */
    private static final class Reader {
        private final String source;
        private final boolean yaml;
        private final Map<JsonNode, Integer> lines = new IdentityHashMap<>();
        private final Map<JsonNode, Map<String, Integer>> keyLines = new IdentityHashMap<>();
        private final Map<JsonNode, java.util.List<Integer>> itemLines = new IdentityHashMap<>();
        private final Map<String, JsonNode> anchors = new HashMap<>();
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private long count;

        Reader(String source, boolean yaml) {
            this.source = source;
            this.yaml = yaml;
        }

        /** The value at the parser's current token, which it consumes. */
        JsonNode value(JsonParser p) throws IOException {
            int line = line(p);
            String anchor = yaml ? p.getObjectId() instanceof String s ? s : null : null;
            if (yaml && p instanceof YAMLParser y && y.isCurrentAlias()) {
                JsonNode target = anchors.get(p.getText());
                if (target == null) {
                    // Jackson's YAML parser reports the anchors of lists and mappings, not of single values: an alias
                    // of a text is refused rather than read as the anchor's name
                    throw error(line, "the alias *" + p.getText() + " is not read: Rubric resolves aliases of lists"
                            + " and mappings anchored before them (&" + p.getText() + " [...] or &" + p.getText()
                            + " {...}), not of a single text: write the text out");
                }
                grow(size(target), line);
                JsonNode copy = copy(target);
                if (copy.isContainerNode()) {
                    lines.put(copy, line);
                }
                return copy;
            }
            JsonNode node = switch (p.currentToken()) {
                case START_OBJECT -> mapping(p, line);
                case START_ARRAY -> list(p);
                case VALUE_STRING -> nodes.textNode(p.getText());
                case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue());
                case VALUE_TRUE -> nodes.booleanNode(true);
                case VALUE_FALSE -> nodes.booleanNode(false);
                case VALUE_NULL -> nodes.nullNode();
                default -> throw error(line, "unexpected " + p.currentToken());
            };
            grow(1, line);
            if (node.isContainerNode()) {
                lines.put(node, line);
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private ObjectNode mapping(JsonParser p, int line) throws IOException {
            ObjectNode map = nodes.objectNode();
            Map<String, Integer> keys = new HashMap<>();
            keyLines.put(map, keys);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                if (yaml && key.equals("<<")) {
                    throw error(keyLine, "merge keys (<<) are not read: YAML 1.2 has none; write the fields out, or"
                            + " use an alias as a whole value (key: *name)");
                }
                Integer before = keys.putIfAbsent(key, keyLine);
                if (before != null) {
                    throw error(keyLine, key + " is given twice (also on line " + before + ")");
                }
                p.nextToken();
                JsonNode value = value(p);
                map.set(key, value);
            }
            if (t != JsonToken.END_OBJECT) {
                throw error(line, "a mapping that does not end");
            }
            return map;
        }

        private ArrayNode list(JsonParser p) throws IOException {
            ArrayNode list = nodes.arrayNode();
            java.util.List<Integer> items = new java.util.ArrayList<>();
            itemLines.put(list, items);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(line(p));
                list.add(value(p));
            }
            return list;
        }

        /**
         * A copy of what an anchor marks, for an alias: every list and mapping inside it keeps the lines of the one it
         * copies (where its text is written), so that an error about it names a real line, not line 1.
         */
        private JsonNode copy(JsonNode original) {
            JsonNode copy;
            if (original instanceof ObjectNode mapping) {
                ObjectNode c = nodes.objectNode();
                mapping.properties().forEach(e -> c.set(e.getKey(), copy(e.getValue())));
                copy = c;
            } else if (original instanceof ArrayNode list) {
                ArrayNode c = nodes.arrayNode();
                list.forEach(v -> c.add(copy(v)));
                copy = c;
            } else {
                return original.deepCopy();
            }
            Integer line = lines.get(original);
            if (line != null) {
                lines.put(copy, line);
            }
            Map<String, Integer> keys = keyLines.get(original);
            if (keys != null) {
                keyLines.put(copy, keys);
            }
            java.util.List<Integer> items = itemLines.get(original);
            if (items != null) {
                itemLines.put(copy, items);
            }
            return copy;
        }

        private void grow(long n, int line) {
            count += n;
            if (count > MAX_NODES) {
                throw error(line, "the file expands to more than " + String.format(Locale.ROOT, "%,d", MAX_NODES)
                        + " values (aliases count as copies of what they name)");
            }
        }

        private static long size(JsonNode node) {
            long n = 1;
            for (JsonNode child : node) {
                n += size(child);
            }
            return n;
        }

        IllegalArgumentException error(int line, String message) {
            return new IllegalArgumentException(source + " line " + line + ": " + message);
        }
    }
}
