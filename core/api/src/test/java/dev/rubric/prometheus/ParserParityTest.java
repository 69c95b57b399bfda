package dev.rubric.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.core.Winner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser against upstream's: {@code shared/prometheus/parser-parity.json} holds judge outputs and the verdict
 * that prometheus-eval's {@code parser.py} gives each (computed by running it). Every vector agrees, except the
 * acceptances {@link VerdictParser} documents: a trailing {@code </s>} or a trailing period after the verdict, where
 * upstream finds nothing.
 */
class ParserParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Vector(String mode, String output, String upstream) {
        String ours() {
            if (mode.equals("absolute")) {
                var score = VerdictParser.parseScore(output);
                return score.isPresent() ? Integer.toString(score.getAsInt()) : null;
            }
            return VerdictParser.parseWinner(output).map(Winner::name).orElse(null);
        }

        /** Upstream finds nothing, and the output ends (before trailing whitespace) in {@code </s>} or a period. */
        boolean deliberateTail() {
            String t = output;
            int end = t.length();
            while (end > 0 && VerdictParser.isWhitespace(t.charAt(end - 1))) {
                end--;
            }
            t = t.substring(0, end);
            return upstream == null && (t.endsWith("</s>") || t.endsWith("."));
        }

        @Override
        public String toString() {
            return mode + " " + JSON.valueToTree(output) + " -> upstream " + upstream;
        }
    }

    static List<Vector> vectors() throws IOException {
        JsonNode root = JSON.readTree(SharedBench.formatFile("parser-parity.json").toFile());
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : root.get("vectors")) {
            JsonNode upstream = v.get("upstream");
            out.add(new Vector(v.get("mode").asText(), v.get("output").asText(),
                    upstream == null || upstream.isNull() ? null : upstream.asText()));
        }
        return out;
    }

    @Test
    void everyVectorAgreesWithUpstreamExceptTheDocumentedTails() throws IOException {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSize(128);
        List<String> disagreements = new ArrayList<>();
        List<Vector> deliberate = new ArrayList<>();
        for (Vector v : vectors) {
            String ours = v.ours();
            if (java.util.Objects.equals(ours, v.upstream())) {
                continue;
            }
            if (v.deliberateTail() && ours != null) {
                deliberate.add(v);
            } else {
                disagreements.add(v + ", ours " + ours);
            }
        }
        assertThat(disagreements).as("outputs read differently from upstream's parser").isEmpty();
        // the two acceptances of the class comment, and nothing else: each is read as upstream reads the text
        // without that tail
        assertThat(deliberate).hasSize(13).allSatisfy(v -> {
            String cleaned = VerdictParser.withoutAcceptedTail(v.output());
            assertThat(cleaned).isNotEqualTo(v.output());
            assertThat(v.output()).startsWith(cleaned);
        });
    }

    @Test
    void whereUpstreamFindsAVerdictItStandsWhereTheLocatedOneSays() throws IOException {
        for (Vector v : vectors()) {
            if (v.upstream() == null) {
                continue;
            }
            Optional<? extends VerdictParser.Located<?>> located = v.mode().equals("absolute")
                    ? VerdictParser.locateScore(v.output()) : VerdictParser.locateWinner(v.output());
            assertThat(located).as(v.toString()).isPresent();
            String at = v.output().substring(located.get().start(), located.get().end());
            String read = v.mode().equals("absolute")
                    ? Integer.toString(Integer.parseInt(at)) // Java's parseInt reads Unicode digits too, as int() does
                    : at.toUpperCase(java.util.Locale.ROOT);
            assertThat(read).as(v.toString()).isEqualTo(v.upstream());
        }
    }
}
