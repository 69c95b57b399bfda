package dev.rubric.secret;

import org.apiguardian.api.API;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The one redaction point: every credential this process holds ({@link Secret#of}, the judge's API key, the Hub
 * token, a judge process's secret) is blanked out of text that came from outside (a server's body or header, the
 * Hub's answer, a judge's feedback, an exception's message) before that text is cut, stored, cached, logged or
 * reported.
 * <p>
 * Each secret is searched for in the forms a server or gateway echoes it in: as sent, trimmed, URL-encoded ({@code +}
 * or {@code %20} for a space), JSON-escaped (with {@code /} as {@code \/} too). Where the text itself was cut by
 * someone else (a body read up to a limit, a proxy's shortened echo), a secret's start of {@value #MIN_LENGTH} or more
 * characters at the text's end, or its end of as many characters at the text's start, is blanked out as well.
 * Values shorter than {@value #MIN_LENGTH} characters are sent but not searched for: they would blank out ordinary
 * words, and no real API key or token is that short.
 * <p>
 * Process-wide on purpose: credentials come from the environment, and a message built anywhere (an exception deep in
 * the HTTP client, a verdict read back from a shared cache) must not need to be handed the configuration to be safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Redaction {

    /** What a secret is replaced with. */
    public static final String MASK = "****";
    /** The shortest value (and the shortest start or end of one at a cut) that is searched for. */
    public static final int MIN_LENGTH = 8;
    /** Forms of every registered secret, longest first, so that a longer form is replaced before its parts. */
    /** Longest first; replaced whole (never cleared and refilled), so a reader never sees it half-written. */
    private static volatile List<String> forms = List.of();
    private static final Object REGISTERING = new Object();

    private Redaction() {
    }

    /** Registers {@code value}'s forms; called by {@link Secret#of}, so every credential is known once it exists. */
    static void register(String value) {
        if (value.strip().length() < MIN_LENGTH) {
            return;
        }
        synchronized (REGISTERING) {
            Set<String> all = new LinkedHashSet<>(forms);
            all.addAll(formsOf(value));
            List<String> sorted = new ArrayList<>(all);
            sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
            forms = List.copyOf(sorted);
        }
    }

    /**
     * {@code text} with every form of every secret replaced by {@link #MASK}, and a secret's part of
     * {@value #MIN_LENGTH} or more characters at either end of the text (where it was cut) too; {@code null} stays
     * {@code null}. Run it before cutting text, never after: a cut can leave all but a secret's last character.
     */
    public static String redact(String text) {
        List<String> known = forms;
        if (text == null || text.isEmpty() || known.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : known) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        for (String form : known) {
            out = redactCutEnds(out, form);
        }
        return out;
    }

    private static String redactCutEnds(String text, String form) {
        for (int n = Math.min(form.length() - 1, text.length()); n >= MIN_LENGTH; n--) {
            if (text.regionMatches(text.length() - n, form, 0, n)) {
                text = text.substring(0, text.length() - n) + MASK;
                break;
            }
        }
        for (int n = Math.min(form.length() - 1, text.length()); n >= MIN_LENGTH; n--) {
            if (text.regionMatches(0, form, form.length() - n, n)) {
                text = MASK + text.substring(n);
                break;
            }
        }
        return text;
    }

    private static Set<String> formsOf(String value) {
        Set<String> variants = new LinkedHashSet<>();
        for (String v : List.of(value, value.strip())) {
            variants.add(v);
            String url = URLEncoder.encode(v, StandardCharsets.UTF_8);
            variants.add(url);
            variants.add(url.replace("+", "%20"));
            String json = jsonEscaped(v);
            variants.add(json);
            variants.add(json.replace("/", "\\/"));
        }
        variants.removeIf(f -> f.length() < MIN_LENGTH);
        return variants;
    }

    /** As a JSON writer escapes a string's characters (quotes, backslashes, control and non-ASCII characters). */
    private static String jsonEscaped(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
