package dev.rubric.maven.report;
import org.apiguardian.api.API;

/**
 * Escapes text for HTML. One escaping serves both element content and quoted attribute values: {@code & < > " '}
 * all become character references, so text from a model or the system under test can neither open a tag nor leave
 * an attribute.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Html {

    private Html() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\u0000' -> b.append('\uFFFD');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
