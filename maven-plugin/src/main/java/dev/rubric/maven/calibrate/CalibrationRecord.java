package dev.rubric.maven.calibrate;

import dev.rubric.core.Rubric;
import dev.rubric.stats.PairwiseAccuracy.Preference;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One human-labelled example of a calibration set: what people made of a response (a score) or of two responses (a
 * preference), for the judge to be held against.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public sealed interface CalibrationRecord {

    /** Where it was read, {@code file.jsonl:line}: how reports and errors name it. */
    String source();

    /** The team's name for it, or {@link #source()} when the line gave none. */
    String id();

    Rubric rubric();

    String instruction();

    /** The reference answer (a score-5 answer), or {@code null}. */
    String reference();

    /**
     * @param human each rater's score, 1 to 5 (one or more)
     */
    record Absolute(String source, String id, Rubric rubric, String instruction, String response, String reference,
                    List<Integer> human) implements CalibrationRecord {
        public Absolute {
            Objects.requireNonNull(rubric, "rubric");
            human = List.copyOf(human);
            if (human.isEmpty() || human.stream().anyMatch(s -> s < 1 || s > Rubric.LEVELS)) {
                throw new IllegalArgumentException(source + ": human scores lie in 1..5, one or more, got " + human);
            }
        }

        /** The people's score: the mean of the raters' scores. */
        public double humanScore() {
            return human.stream().mapToInt(Integer::intValue).average().orElseThrow();
        }
    }

    /**
     * @param human which response people preferred, or a tie
     */
    record Pairwise(String source, String id, Rubric rubric, String instruction, String responseA, String responseB,
                    String reference, Preference human) implements CalibrationRecord {
        public Pairwise {
            Objects.requireNonNull(rubric, "rubric");
            Objects.requireNonNull(human, "human");
        }
    }
}
