package dev.rubric.junit.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReporterTest {

    @Test
    void printsDoneOverTotalAtMostOncePerIntervalWhilePendingAndNothingOnceDone() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressReporter p = ProgressReporter.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Duration.ofMillis(20))) {
            // done first: the ticker starts with the first submission and must see 1/4 whenever it first runs, also on
            // a loaded machine that pauses this thread for longer than an interval between the two calls
            p.completed(1);
            p.submitted(4);
            Thread.sleep(200);
            String pending = bytes.toString(StandardCharsets.UTF_8);
            assertThat(pending).startsWith("rubric: 1/4 gradings done, ").contains(" verdicts/s");
            assertThat(pending.lines()).as("at most one line per interval").hasSizeBetween(1, 11)
                    .allSatisfy(line -> assertThat(line).startsWith("rubric: 1/4 gradings done, "));
            p.completed(3);
            Thread.sleep(100);
            int length = bytes.size();
            Thread.sleep(100);
            assertThat(bytes.size()).as("silent once nothing is pending").isEqualTo(length);
        }
    }
}
