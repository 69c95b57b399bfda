package dev.rubric.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubric;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The exact Prometheus 2 input format: the four user templates, the score rubric, the two system prompts and the
 * chat wrapping, read from {@code format.json} (a byte-for-byte copy of shared/prometheus/format.json).
 * Filling is done in one pass, so user text that contains placeholders, braces or backslashes comes out literally.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PrometheusFormat {

    /** Goes into every verdict's fingerprint and the cache key: bump it whenever a rendered prompt would change. */
    public static final String VERSION = "prometheus-2/v1";

    private static final String INST_OPEN = "[INST] ";
    private static final String INST_CLOSE = " [/INST]";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final PrometheusFormat INSTANCE = load();

    private final JsonNode format;

    private PrometheusFormat(JsonNode format) {
        this.format = format;
    }

    public static PrometheusFormat get() {
        return INSTANCE;
    }

    /** The system prompt of a mode. */
    public String systemPrompt(GradingMode mode) {
        return text(mode == GradingMode.ABSOLUTE ? "absolute_system_prompt" : "relative_system_prompt");
    }

    /**
     * The two turns of a grading's conversation: the mode's system prompt and the filled user message. A model's own
     * chat template writes them (the local judge); {@link #modelInput} is Prometheus 2's writing of them.
     */
    public record Conversation(String system, String user) {

        public Conversation {
            java.util.Objects.requireNonNull(system, "system");
            java.util.Objects.requireNonNull(user, "user");
        }
    }

    /** The conversation of a grading. */
    public Conversation conversation(Grading grading) {
        return new Conversation(systemPrompt(grading.mode()), userMessage(grading));
    }

    /**
     * The conversation that {@link #modelInput} wrote, read back: the text is how gradings travel to a judge process
     * and how the verdict cache keys them, and the system prompt is fixed per mode, so the split is exact.
     *
     * @throws IllegalArgumentException when {@code modelInput} is not a model input of {@code mode}
     */
    public Conversation conversation(String modelInput, GradingMode mode) {
        String chat = text("chat");
        int user = chat.indexOf("{user}");
        int system = chat.indexOf("{system}");
        if (system < 0 || user < system) {
            throw new IllegalStateException("format.json's chat wrapping has no {system} before {user}: " + chat);
        }
        String head = chat.substring(0, system) + systemPrompt(mode) + chat.substring(system + 8, user);
        String tail = chat.substring(user + 6);
        if (!modelInput.startsWith(head) || !modelInput.endsWith(tail)
                || modelInput.length() < head.length() + tail.length()) {
            throw new IllegalArgumentException("not a Prometheus 2 " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " model input (it must start with the chat wrapping and the mode's system prompt, and end with "
                    + tail.strip() + "): render it with PrometheusFormat.modelInput");
        }
        return new Conversation(systemPrompt(mode), modelInput.substring(head.length(),
                modelInput.length() - tail.length()));
    }

    /**
     * The conversation as one user turn, {@code {system}\n\n{user}}: for chat templates without a system role
     * (Mistral-Instruct's, Prometheus 2's), which is how Prometheus 2 was trained to read it.
     */
    public String singleUserTurn(Conversation conversation) {
        String chat = text("chat");
        if (!chat.startsWith(INST_OPEN) || !chat.endsWith(INST_CLOSE)) {
            throw new IllegalStateException("format.json's chat wrapping is not " + INST_OPEN + "..." + INST_CLOSE
                    + ": " + chat);
        }
        return fill(chat.substring(INST_OPEN.length(), chat.length() - INST_CLOSE.length()),
                Map.of("system", conversation.system(), "user", conversation.user()));
    }

    /** The filled user message for a grading; a {@link AbsoluteGrading#prefilled pre-filled} one's own, verbatim. */
    public String userMessage(Grading grading) {
        boolean withReference = grading.reference().isPresent();
        if (grading instanceof AbsoluteGrading a && a.isPrefilled()) {
            return a.filledPrompt();
        }
        if (grading instanceof AbsoluteGrading a) {
            return fill(text(withReference ? "absolute_with_reference" : "absolute_without_reference"),
                    Map.of("instruction", a.instruction(),
                            "response", a.response(),
                            "reference_answer", a.reference().orElse(""),
                            "rubric", scoreRubric(a.rubric())));
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        return fill(text(withReference ? "relative_with_reference" : "relative_without_reference"),
                Map.of("instruction", p.instruction(),
                        "response_A", p.responseA(),
                        "response_B", p.responseB(),
                        "reference_answer", p.reference().orElse(""),
                        "rubric", criteriaLine(p.rubric())));
    }

    /** The text the model continues: {@code [INST] {system}\n\n{user} [/INST]}. The BOS is a token, never text. */
    public String modelInput(Grading grading) {
        return fill(text("chat"), Map.of("system", systemPrompt(grading.mode()), "user", userMessage(grading)));
    }

    /**
     * The one user turn of a chat request, {@code {system}\n\n{user}}: what stands between {@code [INST] } and
     * {@code  [/INST]} in {@link #modelInput}. Prometheus 2's chat template (Mistral-7B-Instruct v0.2's) has no system
     * role (it raises "Conversation roles must alternate", vLLM answers HTTP 400) and renders one user message as
     * {@code <s>[INST] {content} [/INST]}: with this content, exactly the model input it was trained on.
     */
    public String chatUserTurn(Grading grading) {
        return singleUserTurn(conversation(grading));
    }

    /** The whole rubric as absolute grading writes it: {@code [criteria]} then {@code Score 1: ...} to {@code Score 5: ...}. */
    public String scoreRubric(Rubric rubric) {
        return fill(text("score_rubric"), Map.of(
                "criteria", rubric.criteria(),
                "score1_description", rubric.describe(1),
                "score2_description", rubric.describe(2),
                "score3_description", rubric.describe(3),
                "score4_description", rubric.describe(4),
                "score5_description", rubric.describe(5)));
    }

    /** Pairwise grading writes only the bracketed criteria line. */
    public String criteriaLine(Rubric rubric) {
        return "[" + rubric.criteria() + "]";
    }

    /** Replaces each known placeholder once, left to right; inserted text is never scanned again. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        int last = 0;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                continue; // not ours: leave the text as it is
            }
            out.append(template, last, m.start()).append(value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }

    private String text(String key) {
        JsonNode n = format.get(key);
        if (n == null || !n.isTextual()) {
            throw new IllegalStateException("format.json has no text for \"" + key + "\"");
        }
        return n.asText();
    }

    private static PrometheusFormat load() {
        String resource = "/dev/rubric/prometheus/format.json";
        try (InputStream in = PrometheusFormat.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from rubric-core's jar");
            }
            return new PrometheusFormat(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
