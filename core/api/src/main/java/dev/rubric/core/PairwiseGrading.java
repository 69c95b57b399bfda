package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Choose the better of two responses to one instruction, against a rubric's criteria. */
@API(status = EXPERIMENTAL, since = "0.1")
public record PairwiseGrading(String instruction, String responseA, String responseB, Rubric rubric,
                              String referenceAnswer) implements Grading {

    public PairwiseGrading {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(responseA, "responseA");
        Objects.requireNonNull(responseB, "responseB");
        Objects.requireNonNull(rubric, "rubric");
    }

    /** The same question with A and B exchanged: pairwise verdicts are asked in both orders. */
    public PairwiseGrading swapped() {
        return new PairwiseGrading(instruction, responseB, responseA, rubric, referenceAnswer);
    }

    @Override
    public Optional<String> reference() {
        return Optional.ofNullable(referenceAnswer);
    }

    @Override
    public GradingMode mode() {
        return GradingMode.PAIRWISE;
    }
}
