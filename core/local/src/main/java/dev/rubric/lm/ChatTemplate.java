package dev.rubric.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A model's own chat template: the Jinja text of its {@code tokenizer_config.json} ({@code chat_template}), rendered
 * with HubSpot's Jinjava the way transformers' {@code apply_chat_template} renders it: {@code trim_blocks} and
 * {@code lstrip_blocks} on, {@code messages}, {@code add_generation_prompt}, the file's {@code bos_token} and
 * {@code eos_token}, and {@code raise_exception}. So Mistral's {@code <s>[INST] ... [/INST]}, Qwen's
 * {@code <|im_start|>} turns, and any later model's format come from the checkpoint, not from Rubric.
 *
 * <p>A Mistral, Mixtral or Llama checkpoint without a chat template (older downloads, the tests' tiny checkpoints) gets
 * Mistral-7B-Instruct's template, which Prometheus 2 was trained with; any other architecture without one is refused:
 * guessing a model's turn format makes a different, unvalidated judge.
 *
 * @see #render(List)
 */
@API(status = INTERNAL, since = "0.1")
public final class ChatTemplate {

    /** The file, in a checkpoint directory, that holds the template and the special tokens' text. */
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String BUILT_IN_RESOURCE = "/dev/rubric/lm/mistral-instruct-chat-template.jinja";
    /** The largest template Rubric renders: real ones are a few kB; anything near this is not a chat template. */
    static final int MAX_TEMPLATE_CHARS = 1 << 20;

    /** One turn of a conversation: {@code system}, {@code user} or {@code assistant}, and its text. */
    public record Message(String role, String content) {

        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }

        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }
    }

    /** The template stopped the rendering with {@code raise_exception} (e.g. a role it does not support). */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final String source;
    private final String origin;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;
    /** {@link #acceptsSystemRole()}, once known. */
    private volatile Boolean systemRole;

    ChatTemplate(String source, String origin, String bosToken, String eosToken) {
        this.source = Objects.requireNonNull(source, "source");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.bosToken = Objects.requireNonNull(bosToken, "bosToken");
        this.eosToken = Objects.requireNonNull(eosToken, "eosToken");
        // Jinja2 as transformers configures it; Jinjava's defaults differ where it matters for templates: it would
        // render a message that contains {{ ... }} a second time (nested interpretation), ignore {{- and -}}, and
        // bind operators in its own order
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withNestedInterpretationEnabled(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withUsePyishObjectMapper(true)
                        .withEvaluateMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
    }

    /**
     * The template of a checkpoint directory: {@code tokenizer_config.json}'s {@code chat_template} (a string, or the
     * template named {@code default} in a list of named ones), with its {@code bos_token} and {@code eos_token}.
     *
     * @param architecture decides the fallback when the directory has no template (see the class comment)
     * @throws CheckpointException when the file is unreadable, or there is no template and no fallback
     */
    static ChatTemplate of(Path checkpointDir, ModelConfig.Architecture architecture) {
        Path file = checkpointDir.resolve(TOKENIZER_CONFIG);
        JsonNode root = null;
        if (Files.isRegularFile(file)) {
            try {
                root = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new CheckpointException("cannot read " + file + ": " + e.getMessage()
                        + ": the file is corrupt; delete it to re-download", e);
            }
            if (root == null || !root.isObject()) {
                throw new CheckpointException(file + " is not a JSON object: the file is corrupt; delete it to "
                        + "re-download");
            }
        }
        String template = root == null ? null : templateText(root.get("chat_template"), file);
        String bos = root == null ? null : tokenText(root.get("bos_token"));
        String eos = root == null ? null : tokenText(root.get("eos_token"));
        if (template != null) {
            return new ChatTemplate(template, TOKENIZER_CONFIG, bos == null ? "" : bos, eos == null ? "" : eos);
        }
        if (architecture == ModelConfig.Architecture.QWEN2) {
            throw new CheckpointException(checkpointDir + " has no chat template (" + TOKENIZER_CONFIG
                    + " with a \"chat_template\"): Rubric renders a " + architecture.hfName() + " judge's prompt in "
                    + "the model's own template and will not guess it; download the model's " + TOKENIZER_CONFIG
                    + " (M-Prometheus ships one) into the checkpoint directory");
        }
        return mistralInstruct(bos == null ? "<s>" : bos, eos == null ? "</s>" : eos);
    }

    /** Mistral-7B-Instruct's template (Prometheus 2's) with Mistral's {@code <s>} and {@code </s>}. */
    public static ChatTemplate mistralInstruct() {
        return mistralInstruct("<s>", "</s>");
    }

    /** Mistral-7B-Instruct's template (Prometheus 2's), for Llama-family checkpoints that ship none. */
    static ChatTemplate mistralInstruct(String bosToken, String eosToken) {
        try (InputStream in = ChatTemplate.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN_RESOURCE + " is missing from rubric-local's jar");
            }
            return new ChatTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "built-in mistral-instruct", bosToken, eosToken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILT_IN_RESOURCE, e);
        }
    }

    private static String templateText(JsonNode node, Path file) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = null;
        if (node.isTextual()) {
            text = node.asText();
        } else if (node.isArray()) { // [{"name": "default", "template": "..."}, {"name": "tool_use", ...}]
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    text = named.path("template").asText();
                }
            }
        }
        if (text == null) {
            throw new CheckpointException(file + ": \"chat_template\" must be a Jinja string or a list with a template"
                    + " named \"default\", found " + abbreviated(node.toString())
                    + ": the file is corrupt; delete it to re-download");
        }
        if (text.length() > MAX_TEMPLATE_CHARS) {
            throw new CheckpointException(file + ": \"chat_template\" has " + text.length() + " characters, more than "
                    + MAX_TEMPLATE_CHARS + ": that is no chat template; delete the file to re-download");
        }
        return text;
    }

    /** A special token's text: a plain string, or an AddedToken object's {@code content}. */
    private static String tokenText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode content = node.get("content");
        return content != null && content.isTextual() ? content.asText() : null;
    }

    /**
     * Whether the template takes a system turn before the user's (Qwen's does; Mistral-Instruct's, Prometheus 2's,
     * refuses one with "roles must alternate"). Found by rendering once, then remembered: a grading renders once.
     */
    public boolean acceptsSystemRole() {
        Boolean known = systemRole;
        if (known == null) {
            try {
                render(List.of(Message.system("system"), Message.user("user")));
                known = true;
            } catch (RefusedException e) {
                known = false;
            }
            systemRole = known;
        }
        return known;
    }

    /**
     * The text the model continues after {@code messages}: the template rendered with
     * {@code add_generation_prompt=true}, special tokens as text (the tokenizer turns them into their ids).
     *
     * @throws RefusedException when the template refuses the conversation ({@code raise_exception})
     * @throws IllegalStateException when the template does not render (a Jinja feature Jinjava lacks, a syntax error)
     */
    public String render(List<Message> messages) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content()))
                .toList());
        bindings.put("add_generation_prompt", true);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        RenderResult result = jinjava.renderForResult(source, bindings);
        for (TemplateError error : result.getErrors()) {
            RefusedException refused = refusal(error.getException());
            if (refused != null) {
                throw new RefusedException(refused.getMessage());
            }
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new IllegalStateException("the chat template (" + origin + ") does not render: "
                    + fatal.stream().map(e -> e.getMessage() + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")"
                    : "")).toList() + "; judge this model through an OpenAI-compatible server (rubric.judge=openai)");
        }
        return result.getOutput();
    }

    /**
     * The token ids of a rendered prompt. A leading BOS text becomes the tokenizer's BOS id and the rest is encoded
     * from its start, as a server encodes a completion prompt with the BOS its tokenizer adds: for Prometheus 2's
     * {@code <s>[INST] ...} that is exactly the tokens it was evaluated on, whichever way the tokenizer.json prepends
     * its "▁". Templates without a BOS (Qwen) are encoded as they stand; their special tokens ({@code <|im_start|>})
     * are the tokenizer's added tokens, so they become their ids.
     */
    public int[] tokens(String rendered, LmTokenizer tokenizer) {
        if (!bosToken.isEmpty() && rendered.startsWith(bosToken)) {
            return tokenizer.encode(rendered.substring(bosToken.length()), true);
        }
        return tokenizer.encode(rendered, false);
    }

    private static RefusedException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RefusedException r) {
                return r;
            }
        }
        return null;
    }

    /** {@code raise_exception(message)} in a template: stops the rendering, as transformers does. */
    public static String raiseException(String message) {
        throw new RefusedException(message);
    }

    /** The text of the BOS token as the template writes it ({@code <s>} for Mistral), empty when the model has none. */
    public String bosToken() {
        return bosToken;
    }

    /** Where the template came from: {@code tokenizer_config.json}, or {@code built-in mistral-instruct}. */
    public String origin() {
        return origin;
    }

    /** The Jinja text. */
    public String source() {
        return source;
    }

    /**
     * Names this template in a judge's fingerprint: the first 16 hex digits of SHA-256 over the Jinja text and the
     * special tokens it is given, so any change to what the model is shown changes the judge.
     */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(source, bosToken, eosToken)) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String abbreviated(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + origin + ", sha256 " + digest() + "]";
    }
}
