package dev.rubric.hub;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress of one file's download on the console: on a terminal one line rewritten with {@code \r} (file, bytes
 * done of total, rate, time left) a few times a second; elsewhere (CI logs, Surefire) one line every few seconds.
 */
final class DownloadProgress {

    private static final long TERMINAL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;

    private String file;
    private long total;
    private long done;
    private long resumedFrom;
    private long startNanos;
    private long lastPrintNanos;
    private int lastLineLength;

    DownloadProgress(PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** Progress on System.err, redrawn in place when the process has a terminal. */
    static DownloadProgress console() {
        return new DownloadProgress(System.err, hasTerminal(), System::nanoTime);
    }

    /** Prints nothing. */
    static DownloadProgress silent() {
        return new DownloadProgress(null, false, System::nanoTime);
    }

    /** One line of its own (what is being downloaded, and where). */
    void note(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }

    /** A file begins (or resumes at {@code alreadyDone}); {@code total} is -1 when unknown. */
    void start(String fileName, long totalBytes, long alreadyDone) {
        this.file = fileName;
        this.total = totalBytes;
        this.done = alreadyDone;
        this.resumedFrom = alreadyDone;
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos;
        this.lastLineLength = 0;
        if (out == null) {
            return;
        }
        if (terminal) {
            draw();
        } else {
            out.println("Downloading " + fileName + " (" + bytes(totalBytes)
                    + (alreadyDone > 0 ? ", resuming at " + bytes(alreadyDone) : "") + ")");
        }
    }

    void advance(long bytes) {
        done += bytes;
        if (out == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastPrintNanos >= (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            lastPrintNanos = now;
            if (terminal) {
                draw();
            } else {
                out.println(line());
            }
        }
    }

    /** The file is complete (or the attempt ended): the last state, and a line break on a terminal. */
    void finish() {
        if (out == null) {
            return;
        }
        if (terminal) {
            draw();
            out.println();
        } else {
            out.println(line());
        }
        out.flush();
    }

    /** {@code file  done / total  rate  time left}, as printed. */
    String line() {
        double seconds = Math.max(1e-9, (nanoClock.getAsLong() - startNanos) / 1e9);
        double rate = (done - resumedFrom) / seconds;
        StringBuilder s = new StringBuilder(file).append("  ").append(bytes(done));
        if (total >= 0) {
            s.append(" / ").append(bytes(total))
                    .append(String.format(Locale.ROOT, " (%.0f%%)", total == 0 ? 100.0 : 100.0 * done / total));
        }
        s.append(String.format(Locale.ROOT, "  %.1f MB/s", rate / 1e6));
        if (total >= 0) {
            s.append("  ").append(done >= total ? "done" : rate <= 0 ? "--:-- left" : duration((total - done) / rate)
                    + " left");
        }
        return s.toString();
    }

    private void draw() {
        String text = line();
        int pad = Math.max(0, lastLineLength - text.length());
        out.print("\r" + text + " ".repeat(pad));
        out.flush();
        lastLineLength = text.length();
    }

    static String bytes(long n) {
        if (n < 0) {
            return "size unknown";
        }
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static boolean hasTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even when the streams are redirected; it then says whether it is a terminal
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;
        }
    }
}
