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
        assertThat(used.subList(0, 6)).as("each choice measured first, three steps each")
                .containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(used.subList(6, 64)).filteredOn(t -> t == 2).as("tried again after 16 steps, then after 32")
                .hasSize(6);
        assertThat(used.subList(21, 24)).containsOnly(2);
        assertThat(used.subList(55, 58)).containsOnly(2);
    }

    @Test
    void aQuietMachineKeepsItsThreadsWhereTheyAreFaster() {
        StepThreads chooser = new StepThreads(4);
        List<Integer> used = run(chooser, 8, 64, 90_000_000, 30_000_000);
        assertThat(used.subList(6, 64)).filteredOn(t -> t == 1).hasSize(6);
        assertThat(used.subList(6, 64)).filteredOn(t -> t == 4).hasSize(52);
    }

    @Test
    void eachBatchSizeLearnsOnItsOwnAndTheChoiceFollowsAChangingMachine() {
        StepThreads chooser = new StepThreads(2);
        run(chooser, 1, 32, 50_000_000, 300_000_000);
        assertThat(run(chooser, 32, 32, 400_000_000, 200_000_000).subList(6, 32)).filteredOn(t -> t == 2)
                .as("batch 32 has its own timings").hasSizeGreaterThan(20);
        // the machine quietens: two threads become faster at batch 1, and exploring finds it within a few rounds
        List<Integer> later = run(chooser, 1, 96, 50_000_000, 20_000_000);
        assertThat(later.subList(64, 96)).filteredOn(t -> t == 2).hasSizeGreaterThan(25);
    }

    @Test
    void oneSlowStepInATryDoesNotDecide() {
        StepThreads chooser = new StepThreads(2);
        List<Integer> used = new ArrayList<>();
        long[] configuredSteps = {30_000_000, 120_000_000, 30_000_000}; // one step waited for a descheduled thread
        int tried = 0;
        for (int s = 0; s < 40; s++) {
            int threads = chooser.forStep(1);
            used.add(threads);
            long nanos = threads == 1 ? 40_000_000 : tried < 3 ? configuredSteps[tried++] : 30_000_000;
            chooser.took(1, threads, nanos);
        }
        assertThat(used.subList(6, 40)).as("the median of the try (30 ms) beats one thread's 40 ms")
                .filteredOn(t -> t == 2).hasSizeGreaterThan(28);
    }

    @Test
    void oneSlowStepOfTheChoiceInUseDoesNotTurnItAway() {
        StepThreads chooser = new StepThreads(2);
        run(chooser, 1, 10, 40_000_000, 30_000_000);
        assertThat(chooser.forStep(1)).isEqualTo(2);
        chooser.took(1, 2, 120_000_000); // a step that waited for a descheduled thread
        List<Integer> after = run(chooser, 1, 4, 40_000_000, 30_000_000);
        assertThat(after).containsOnly(2);
    }

    @Test
    void oneConfiguredThreadOrAGpuLeavesNothingToChoose() {
        assertThat(new StepThreads(1).choosing()).isFalse();
        assertThat(new StepThreads(1).forStep(1)).isEqualTo(1);
        assertThat(new StepThreads(0).choosing()).isFalse();
    }
}
