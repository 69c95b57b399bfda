package dev.rubric.hub;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadProgressTest {

    final AtomicLong clock = new AtomicLong();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void onATerminalOneLineIsRedrawnWithBytesRateAndTimeLeft() {
        DownloadProgress progress = progress(true);

        progress.start("model-00001-of-00003.safetensors", 4_000_000_000L, 0);
        clock.addAndGet(10_000_000_000L);
        progress.advance(1_000_000_000L);

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r").doesNotContain("\n");
        assertThat(out).endsWith("model-00001-of-00003.safetensors  1.00 GB / 4.00 GB (25%)  100.0 MB/s  0:30 left");
    }

    @Test
    void withoutATerminalItPrintsALineEveryFewSecondsOnly() {
        DownloadProgress progress = progress(false);

        progress.start("model.safetensors", 1_000_000L, 0);
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(100_000_000L); // 0.1 s
            progress.advance(1_000);
        }
        progress.finish();

        String[] lines = console.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1 + 2 + 1);
        assertThat(lines[0]).isEqualTo("Downloading model.safetensors (1.00 MB)");
        assertThat(lines[3]).contains("100.00 kB / 1.00 MB (10%)", "0.0 MB/s", "1:30 left");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void aResumedDownloadCountsOnlyNewBytesInItsRate() {
        DownloadProgress progress = progress(false);

        progress.start("x", 3_000_000L, 2_000_000L);
        clock.addAndGet(1_000_000_000L);
        progress.advance(500_000);

        assertThat(progress.line()).isEqualTo("x  2.50 MB / 3.00 MB (83%)  0.5 MB/s  0:01 left");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("resuming at 2.00 MB");
    }

    private DownloadProgress progress(boolean terminal) {
        return new DownloadProgress(new PrintStream(console, true, StandardCharsets.UTF_8), terminal, clock::get);
    }
}
