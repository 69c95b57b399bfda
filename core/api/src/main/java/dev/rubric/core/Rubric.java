package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Objects;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What a response is graded against: one criterion and exactly five score descriptions (score 1 to 5).
 *
 * @param name               a short name for reports ("helpfulness"); for ad-hoc rubrics derived from the criteria
 * @param criteria           the question the judge answers, e.g. "Is the response helpful?"
 * @param scoreDescriptions  the five level descriptions, index 0 describing score 1
 */
@API(status = STABLE, since = "0.1")
public record Rubric(String name, String criteria, List<String> scoreDescriptions) {

    public static final int LEVELS = 5;

    public Rubric {
        requireText("criteria", criteria);
        Objects.requireNonNull(scoreDescriptions, "scoreDescriptions");
        if (scoreDescriptions.size() != LEVELS) {
            throw new IllegalArgumentException("a rubric needs exactly " + LEVELS
                    + " score descriptions (score 1 to 5); got " + scoreDescriptions.size()
                    + " for criteria \"" + criteria + "\"");
        }
        for (int i = 0; i < LEVELS; i++) {
            String d = scoreDescriptions.get(i);
            if (d == null || d.isBlank()) {
                throw new IllegalArgumentException("the description of score " + (i + 1)
                        + " is blank in the rubric \"" + criteria + "\": every level from 1 to 5 needs one");
            }
        }
        scoreDescriptions = List.copyOf(scoreDescriptions);
        name = (name == null || name.isBlank()) ? deriveName(criteria) : name.strip();
    }

    /** A rubric from its criteria and the descriptions of scores 1 to 5; its name is derived from the criteria. */
    public static Rubric of(String criteria, String score1, String score2, String score3, String score4, String score5) {
        return new Rubric(null, criteria, java.util.Arrays.asList(score1, score2, score3, score4, score5));
    }

    /**
     * A rubric from a YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) file:
     * <pre>
     * name: tone            # optional; the file's name otherwise
     * criteria: Is the reply polite and warm?
     * score1: Rude or dismissive.
     * score2: ...
     * score3: ...
     * score4: ...
     * score5: Warm, polite and respectful throughout.
     * </pre>
     * {@code score1_description}..{@code score5_description} (Prometheus' own keys) or {@code scores:}, a list of
     * five, work too.
     *
     * @throws IllegalArgumentException naming the file, the line and the missing or bad field
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static Rubric load(java.nio.file.Path file) {
        return RubricFile.load(file);
    }

    /** Like {@link #load(java.nio.file.Path)}, from a classpath resource such as {@code "rubrics/tone.yaml"}. */
    public static Rubric fromResource(String resource) {
        return RubricFile.loadResource(resource);
    }

    /** The same rubric under another name (used in reports and gate rules). */
    public Rubric named(String newName) {
        return new Rubric(newName, criteria, scoreDescriptions);
    }

    /** The rubric's own words for a score from 1 to 5. */
    public String describe(int score) {
        if (score < 1 || score > LEVELS) {
            throw new IllegalArgumentException("score " + score + " is outside 1.." + LEVELS);
        }
        return scoreDescriptions.get(score - 1);
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a rubric's " + what + " must not be blank");
        }
    }

    private static String deriveName(String criteria) {
        String s = criteria.strip();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
