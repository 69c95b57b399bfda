package dev.rubric.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The five rubrics Prometheus 2 was trained with, word for word from the reference format
 * ({@code dev/rubric/prometheus/format.json}, typos included).
 */
@API(status = STABLE, since = "0.1")
public final class Rubrics {

    private static final Map<String, Rubric> BY_NAME = load();

    public static final Rubric HELPFULNESS = BY_NAME.get("helpfulness");
    public static final Rubric HARMLESSNESS = BY_NAME.get("harmlessness");
    public static final Rubric HONESTY = BY_NAME.get("honesty");
    public static final Rubric FACTUAL_VALIDITY = BY_NAME.get("factual_validity");
    public static final Rubric REASONING = BY_NAME.get("reasoning");

    private Rubrics() {
    }

    /** The predefined rubric of that name ("helpfulness", "factual_validity"; case and '-' versus '_' do not matter). */
    public static Optional<Rubric> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_')));
    }

    /** Like {@link #find} but fails with the list of known names. */
    public static Rubric named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no predefined rubric is called \"" + name
                + "\"; the predefined ones are " + String.join(", ", BY_NAME.keySet())
                + " (or load your own with Rubric.load(path))"));
    }

    /** Every predefined rubric, by name, in the order of the reference format. */
    public static Map<String, Rubric> all() {
        return BY_NAME;
    }

    private static Map<String, Rubric> load() {
        String resource = "/dev/rubric/prometheus/format.json";
        try (InputStream in = Rubrics.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from rubric-core's jar");
            }
            JsonNode rubrics = new ObjectMapper().readTree(in).get("rubrics");
            Map<String, Rubric> map = new LinkedHashMap<>();
            rubrics.fields().forEachRemaining(e -> {
                JsonNode r = e.getValue();
                List<String> levels = new ArrayList<>();
                for (int i = 1; i <= Rubric.LEVELS; i++) {
                    levels.add(r.get("score" + i + "_description").asText());
                }
                map.put(e.getKey(), new Rubric(e.getKey(), r.get("criteria").asText(), levels));
            });
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
