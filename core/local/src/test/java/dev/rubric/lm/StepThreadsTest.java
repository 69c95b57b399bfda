package dev.rubric.lm;

import static dev.rubric.lm.StepThreads.Way.ONE;
import static dev.rubric.lm.StepThreads.Way.OWN;
import static dev.rubric.lm.StepThreads.Way.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice of how each decode step runs, on made-up step times (no libtorch involved). */
class StepThreadsTest {

    /** Runs {@code steps} steps of {@code sequences} sequences, each taking what {@code cost} says for its way. */
    private static List<StepThreads.Way> run(StepThreads chooser, int sequences, int steps,
            Map<StepThreads.Way, Long> cost) {
        List<StepThreads.Way> used = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            StepThreads.Way way = chooser.forStep(sequences);
            used.add(way);
            chooser.took(sequences, way, cost.get(way));
        }
        return used;
    }

    private static List<StepThreads.Way> run(StepThreads chooser, int sequences, int steps, long one, long own) {
        return run(chooser, sequences, steps, Map.of(ONE, one, OWN, own));
    }

    @Test
    void aBusyMachineDecodesOnOneThreadAndStillLooksAtTheOtherChoice() {
        StepThreads chooser = new StepThreads(2);
        List<StepThreads.Way> used = run(chooser, 1, 64, 50_000_000, 300_000_000);
        assertThat(used.subList(0, 6)).as("each choice measured first, three steps each")
                .containsExactly(ONE, ONE, ONE, OWN, OWN, OWN);
        assertThat(used.subList(6, 64)).filteredOn(t -> t == OWN).as("tried again after 16 steps, then after 32")
                .hasSize(6);
        assertThat(used.subList(21, 24)).containsOnly(OWN);
        assertThat(used.subList(55, 58)).containsOnly(OWN);
    }

    @Test
    void aQuietMachineKeepsItsThreadsWhereTheyAreFaster() {
        StepThreads chooser = new StepThreads(4);
        List<StepThreads.Way> used = run(chooser, 8, 64, 90_000_000, 30_000_000);
        assertThat(used.subList(6, 64)).filteredOn(t -> t == ONE).hasSize(6);
        assertThat(used.subList(6, 64)).filteredOn(t -> t == OWN).hasSize(52);
    }

    @Test
    void eachBatchSizeLearnsOnItsOwnAndTheChoiceFollowsAChangingMachine() {
        StepThreads chooser = new StepThreads(2);
        run(chooser, 1, 32, 50_000_000, 300_000_000);
        assertThat(run(chooser, 32, 32, 400_000_000, 200_000_000).subList(6, 32)).filteredOn(t -> t == OWN)
                .as("batch 32 has its own timings").hasSizeGreaterThan(20);
        // the machine quietens: two threads become faster at batch 1, and exploring finds it within a few rounds
        List<StepThreads.Way> later = run(chooser, 1, 96, 50_000_000, 20_000_000);
        assertThat(later.subList(64, 96)).filteredOn(t -> t == OWN).hasSizeGreaterThan(25);
    }

    @Test
    void oneSlowStepInATryDoesNotDecide() {
        StepThreads chooser = new StepThreads(2);
        List<StepThreads.Way> used = new ArrayList<>();
        long[] ownSteps = {30_000_000, 120_000_000, 30_000_000}; // one step waited for a descheduled thread
        int tried = 0;
        for (int s = 0; s < 40; s++) {
            StepThreads.Way way = chooser.forStep(1);
            used.add(way);
            long nanos = way == ONE ? 40_000_000 : tried < 3 ? ownSteps[tried++] : 30_000_000;
            chooser.took(1, way, nanos);
        }
        assertThat(used.subList(6, 40)).as("the median of the try (30 ms) beats one thread's 40 ms")
                .filteredOn(t -> t == OWN).hasSizeGreaterThan(28);
    }

    @Test
    void oneSlowStepOfTheChoiceInUseDoesNotTurnItAway() {
        StepThreads chooser = new StepThreads(2);
        run(chooser, 1, 10, 40_000_000, 30_000_000);
        assertThat(chooser.forStep(1)).isEqualTo(OWN);
        chooser.took(1, OWN, 120_000_000); // a step that waited for a descheduled thread
        assertThat(run(chooser, 1, 4, 40_000_000, 30_000_000)).containsOnly(OWN);
    }

    @Test
    void aOneSequenceStepChoosesBetweenOneThreadAndTheSplitAndSeveralSequencesAreNeverSplit() {
        try (RowSplit split = new RowSplit(2, 8)) {
            StepThreads chooser = StepThreads.withSplit(2, split);
            List<StepThreads.Way> used = run(chooser, 1, 64, Map.of(ONE, 30_000_000L, SPLIT, 20_000_000L));
            assertThat(used.subList(0, 6)).as("each way measured first")
                    .containsExactly(ONE, ONE, ONE, SPLIT, SPLIT, SPLIT);
            assertThat(used.subList(6, 64)).filteredOn(t -> t == SPLIT).hasSize(52);
            assertThat(used).as("libtorch's own threads are not a way for one sequence").doesNotContain(OWN);

            // a busy machine, where the split's helper waits for a core: one thread
            StepThreads busy = StepThreads.withSplit(2, split);
            assertThat(run(busy, 1, 64, Map.of(ONE, 30_000_000L, SPLIT, 90_000_000L)).subList(6, 64))
                    .filteredOn(t -> t == ONE).hasSize(52);

            assertThat(run(chooser, 8, 32, Map.of(ONE, 30_000_000L, OWN, 20_000_000L))).doesNotContain(SPLIT);
        }
    }

    @Test
    void oneConfiguredThreadOrAGpuLeavesNothingToChoose() {
        assertThat(new StepThreads(1).choosing()).isFalse();
        assertThat(new StepThreads(1).forStep(1)).isEqualTo(OWN);
        assertThat(new StepThreads(1).libtorchThreads(OWN)).isEqualTo(1);
        assertThat(new StepThreads(0).choosing()).isFalse();
    }
}
