package dev.rubric.examples.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A STAND-IN for a Prometheus 2 server, for CI only: it speaks the OpenAI protocol ({@code /v1/completions},
 * {@code /v1/chat/completions}, {@code /v1/models}) on 127.0.0.1 and answers with the scripted verdicts of
 * {@link StandInVerdicts} - no model is involved, and every feedback says so. The README's main job never uses it.
 *
 * <p>Usage: {@code StandInJudgeServer <port> [--max-seconds N]}. Port 0 picks a free one; the port is printed and,
 * with {@code --port-file F}, written to F. The server stops by itself after {@code --max-seconds} (default 1800).
 */
public final class StandInJudgeServer {

    static final String MODEL = "rubric-stand-in (scripted verdicts, not a model)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();

    private StandInJudgeServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/v1/completions", ex -> handle(ex, false));
        server.createContext("/v1/chat/completions", ex -> handle(ex, true));
        server.createContext("/v1/models", ex -> {
            try (ex) { // an exchange left open holds its connection: the client's next request on it would hang
                send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}");
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long maxSeconds = 1800;
        Path portFile = null;
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals("--max-seconds")) {
                maxSeconds = Long.parseLong(args[i + 1]);
            } else if (args[i].equals("--port-file")) {
                portFile = Path.of(args[i + 1]);
            }
        }
        StandInJudgeServer standIn = new StandInJudgeServer(port);
        standIn.server.start();
        int bound = standIn.server.getAddress().getPort();
        System.out.println("Rubric stand-in judge (scripted verdicts, NOT a model) on http://127.0.0.1:" + bound
                + "/v1 for at most " + maxSeconds + " s");
        if (portFile != null) {
            Files.writeString(portFile, Integer.toString(bound));
        }
        Thread.sleep(maxSeconds * 1000);
        standIn.server.stop(0);
        System.exit(0);
    }

    private void handle(HttpExchange ex, boolean chat) throws IOException {
        try {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "{\"error\":{\"message\":\"use POST\"}}");
                return;
            }
            JsonNode request;
            try (InputStream in = ex.getRequestBody()) {
                request = JSON.readTree(in);
            }
            String prompt = chat ? lastUserMessage(request) : request.path("prompt").asText(null);
            if (prompt == null) {
                send(ex, 400, "{\"error\":{\"message\":\"no prompt\"}}");
                return;
            }
            send(ex, 200, JSON.writeValueAsString(answer(request, prompt, chat)));
        } catch (RuntimeException e) {
            send(ex, 500, "{\"error\":{\"message\":\"stand-in failed: " + e.getClass().getSimpleName() + "\"}}");
        } finally {
            ex.close();
        }
    }

    private ObjectNode answer(JsonNode request, String prompt, boolean chat) {
        String label;
        String feedback;
        List<String> alternatives;
        if (prompt.contains("###Response A:\n")) {
            String a = section(prompt, "###Response A:\n", "\n\n###Response B:\n");
            String b = section(prompt, "###Response B:\n", "\n\n###");
            String reference = prompt.contains("###Reference Answer:\n")
                    ? section(prompt, "###Reference Answer:\n", "\n\n###Score Rubric:") : null;
            label = StandInVerdicts.winner(a, b, reference);
            feedback = "Feedback: (stand-in judge, scripted) Response " + label
                    + " covers the question better by the stand-in's rules. [RESULT] " + label;
            alternatives = List.of("A", "B");
        } else {
            String response = section(prompt, "###Response to evaluate:\n", "\n\n###");
            String reference = prompt.contains("###Reference Answer (Score 5):\n")
                    ? section(prompt, "###Reference Answer (Score 5):\n", "\n\n###Score Rubrics:") : null;
            int score = StandInVerdicts.score(response, reference);
            label = Integer.toString(score);
            feedback = "Feedback: (stand-in judge, scripted) By the stand-in's rules this response earns a " + score
                    + (reference == null ? "." : ", judged by its overlap with the reference answer.")
                    + " [RESULT] " + score;
            alternatives = List.of("1", "2", "3", "4", "5");
        }
        long n = requests.incrementAndGet();
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "standin-" + n);
        body.put("object", chat ? "chat.completion" : "text_completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", request.path("model").asText(MODEL));
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        String head = feedback.substring(0, feedback.lastIndexOf("[RESULT]"));
        List<String> tokens = List.of(head, "[", "RESULT", "]", " ", label);
        if (chat) {
            choice.putObject("message").put("role", "assistant").put("content", feedback);
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            for (String t : tokens) {
                ObjectNode tok = content.addObject().put("token", t).put("logprob", t.equals(label) ? Math.log(0.8) : 0.0);
                ArrayNode top = tok.putArray("top_logprobs");
                if (t.equals(label)) {
                    for (String alt : alternatives) {
                        top.addObject().put("token", alt).put("logprob", Math.log(probability(alt, label, alternatives)));
                    }
                }
            }
        } else {
            choice.put("text", feedback);
            ObjectNode logprobs = choice.putObject("logprobs");
            ArrayNode toks = logprobs.putArray("tokens");
            ArrayNode lps = logprobs.putArray("token_logprobs");
            ArrayNode tops = logprobs.putArray("top_logprobs");
            ArrayNode offsets = logprobs.putArray("text_offset");
            int offset = 0;
            for (String t : tokens) {
                toks.add(t);
                offsets.add(offset);
                offset += t.length();
                boolean isLabel = t.equals(label) && offset == feedback.length();
                lps.add(isLabel ? Math.log(0.8) : 0.0);
                ObjectNode top = tops.addObject();
                if (isLabel) {
                    for (String alt : alternatives) {
                        top.put(alt, Math.log(probability(alt, label, alternatives)));
                    }
                } else {
                    top.put(t, 0.0);
                }
            }
        }
        body.putObject("usage").put("prompt_tokens", prompt.length() / 4).put("completion_tokens", tokens.size());
        return body;
    }

    /** 0.8 on the scripted label, the rest spread evenly: an honest sign that these are not a model's numbers. */
    private static double probability(String alt, String label, List<String> alternatives) {
        return alt.equals(label) ? 0.8 : 0.2 / (alternatives.size() - 1);
    }

    private static String lastUserMessage(JsonNode request) {
        String content = null;
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                content = m.path("content").asText();
            }
        }
        return content;
    }

    private static String section(String prompt, String start, String end) {
        int from = prompt.indexOf(start);
        if (from < 0) {
            return "";
        }
        from += start.length();
        int to = prompt.indexOf(end, from);
        return to < 0 ? prompt.substring(from) : prompt.substring(from, to);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
