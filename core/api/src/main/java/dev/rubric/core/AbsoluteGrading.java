package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Grade one response against a rubric, with an optional reference answer (worth a 5).
 *
 * @param filledPrompt the whole user message, already filled (instruction, response, reference and rubric inside),
 *                     sent verbatim in place of rendering the other parts: a benchmark's prompts are graded exactly
 *                     as its file holds them ({@link #prefilled}); {@code null} for every other grading
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AbsoluteGrading(String instruction, String response, Rubric rubric, String referenceAnswer,
                              String filledPrompt) implements Grading {

    public AbsoluteGrading {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(rubric, "rubric");
        if (filledPrompt != null && filledPrompt.isBlank()) {
            throw new IllegalArgumentException("a pre-filled prompt is blank: give the whole filled user message");
        }
    }

    /** A grading the judge's prompt is rendered for (the usual kind). */
    public AbsoluteGrading(String instruction, String response, Rubric rubric, String referenceAnswer) {
        this(instruction, response, rubric, referenceAnswer, null);
    }

    /**
     * A grading of a prompt already filled elsewhere (a benchmark file's {@code instruction}): the judge gets exactly
     * this user message, with the absolute system prompt and the chat wrapping around it as always.
     *
     * @param rubric names the grading in results; its text is not used, the prompt holds the rubric
     */
    public static AbsoluteGrading prefilled(String filledPrompt, Rubric rubric) {
        Objects.requireNonNull(filledPrompt, "filledPrompt");
        return new AbsoluteGrading("", "", rubric, null, filledPrompt);
    }

    /** Whether the prompt was filled elsewhere ({@link #prefilled}). */
    public boolean isPrefilled() {
        return filledPrompt != null;
    }

    /** A grading without a reference answer. */
    public static AbsoluteGrading of(String instruction, String response, Rubric rubric) {
        return new AbsoluteGrading(instruction, response, rubric, null);
    }

    public AbsoluteGrading withReference(String reference) {
        return new AbsoluteGrading(instruction, response, rubric, reference, filledPrompt);
    }

    @Override
    public Optional<String> reference() {
        return Optional.ofNullable(referenceAnswer);
    }

    @Override
    public GradingMode mode() {
        return GradingMode.ABSOLUTE;
    }
}
