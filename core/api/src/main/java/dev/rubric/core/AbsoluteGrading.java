package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Grade one response against a rubric, with an optional reference answer (worth a 5). */
@API(status = EXPERIMENTAL, since = "0.1")
public record AbsoluteGrading(String instruction, String response, Rubric rubric, String referenceAnswer)
        implements Grading {

    public AbsoluteGrading {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(rubric, "rubric");
    }

    /** A grading without a reference answer. */
    public static AbsoluteGrading of(String instruction, String response, Rubric rubric) {
        return new AbsoluteGrading(instruction, response, rubric, null);
    }

    public AbsoluteGrading withReference(String reference) {
        return new AbsoluteGrading(instruction, response, rubric, reference);
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
