package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of libtorch threads per decode step, on made-up step times (no libtorch involved). */
class StepThreadsTest {

    /** Runs {@code steps} steps of {@code sequences} sequences, each taking what {@code cost} says for its threads. */
    private static List<Integer> run(StepThreads chooser, int sequences, int steps, long oneThread, long configured) {
        List<Integer> used = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int threads = chooser.forStep(sequences);
            used.add(threads);
            chooser.took(sequences, threads, threads == 1 ? oneThread : configured);
        }
        return used;
    }

    @Test
    void aBusyMachineDecodesOnOneThreadAndStillLooksAtTheOtherChoice() {
        StepThreads chooser = new StepThreads(2);
        List<Integer> used = run(chooser, 1, 64, 50_000_000, 300_000_000);
        assertThat(used.subList(0, 2)).as("each choice measured once first").containsExactly(1, 2);
        assertThat(used.subList(2, 64)).filteredOn(t -> t == 2).as("tried again after 16 steps, then after 32")
                .hasSize(2);
        assertThat(used.get(17)).isEqualTo(2);
        assertThat(used.get(49)).isEqualTo(2);
    }

    @Test
    void aQuietMachineKeepsItsThreadsWhereTheyAreFaster() {
        StepThreads chooser = new StepThreads(4);
        List<Integer> used = run(chooser, 8, 64, 90_000_000, 30_000_000);
        assertThat(used.subList(2, 64)).filteredOn(t -> t == 1).hasSize(2);
        assertThat(used.subList(2, 64)).filteredOn(t -> t == 4).hasSize(60);
    }

    @Test
    void eachBatchSizeLearnsOnItsOwnAndTheChoiceFollowsAChangingMachine() {
        StepThreads chooser = new StepThreads(2);
        run(chooser, 1, 32, 50_000_000, 300_000_000);
        assertThat(run(chooser, 32, 32, 400_000_000, 200_000_000).subList(2, 32)).filteredOn(t -> t == 2)
                .as("batch 32 has its own timings").hasSizeGreaterThan(25);
        // the machine quietens: two threads become faster at batch 1, and exploring finds it within a few rounds
        List<Integer> later = run(chooser, 1, 96, 50_000_000, 20_000_000);
        assertThat(later.subList(64, 96)).filteredOn(t -> t == 2).hasSizeGreaterThan(25);
    }

    @Test
    void oneConfiguredThreadOrAGpuLeavesNothingToChoose() {
        assertThat(new StepThreads(1).choosing()).isFalse();
        assertThat(new StepThreads(1).forStep(1)).isEqualTo(1);
        assertThat(new StepThreads(0).choosing()).isFalse();
    }
}
