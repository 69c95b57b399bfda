package dev.rubric.judge.local;

import dev.rubric.core.ConfigKeys;
import dev.rubric.lm.DeviceOutOfMemory;
import dev.rubric.lm.MemoryPlan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Runs the batches the queue hands over in sub-batches that fit the device's memory, and recovers when the device
 * runs out of memory anyway.
 *
 * <p>Gradings are taken shortest prompt first, as many at a time as the {@link MemoryPlan} fits at the longest prompt
 * among them. When the model reports the device out of memory (in the prefill, a step, or while the KV cache grows),
 * the sub-batch's memory is already given back (its decoder is closed), the plan is lowered to half that many
 * gradings at that length, one line is logged, and the same gradings are decoded again in smaller sub-batches. A
 * grading's verdict does not depend on the gradings it shares a batch with (each has its own seed, and padding is
 * masked), so the verdicts are those an unlowered run gives. One grading alone that does not fit fails with the way
 * out. Runs on the judge's worker thread only.
 */
final class FittingDecoder {

    private static final System.Logger LOG = System.getLogger(LocalJudge.class.getName());

    private final VerdictDecoder decoder;
    private volatile MemoryPlan plan;

    FittingDecoder(VerdictDecoder decoder, MemoryPlan plan) {
        this.decoder = decoder;
        this.plan = plan;
    }

    MemoryPlan plan() {
        return plan;
    }

    /** One result per request, in order. */
    List<DecodedVerdict> decode(List<DecodeRequest> requests, BooleanSupplier stop) {
        int n = requests.size();
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> requests.get(i).prompt().length));
        DecodedVerdict[] results = new DecodedVerdict[n];
        int at = 0;
        while (at < n) {
            int end = at + 1;
            while (end < n && end - at < fitting(requests.get(order[end]).prompt().length)) {
                end++;
            }
            List<DecodeRequest> part = new ArrayList<>(end - at);
            for (int i = at; i < end; i++) {
                part.add(requests.get(order[i]));
            }
            List<DecodedVerdict> decoded;
            try {
                decoded = decoder.decode(part, plan, stop);
            } catch (RuntimeException e) {
                if (!DeviceOutOfMemory.causedBy(e)) {
                    throw e;
                }
                decoder.releaseSpareMemory(); // the kept prompt head: computed again when a batch needs it
                lower(part.size(), requests.get(order[end - 1]).prompt().length, e);
                continue; // the same gradings again, fewer at a time
            }
            for (int i = at; i < end; i++) {
                results[order[i]] = decoded.get(i - at);
            }
            at = end;
        }
        return Arrays.asList(results);
    }

    /** Gradings per sub-batch at this prompt length: what the plan fits, and at least one. */
    private int fitting(int promptTokens) {
        return Math.max(1, plan.batchFor(promptTokens));
    }

    private void lower(int batch, int promptTokens, RuntimeException outOfMemory) {
        MemoryPlan lowered = plan.lowered(batch, promptTokens);
        if (lowered == plan) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the device ran out of memory judging one "
                    + "grading of %,d prompt tokens alone (%s). The memory plan: %s. Lower " + ConfigKeys.MAX_TOKENS + ", "
                    + "shorten the prompt (instruction, response, reference), stop other processes on the GPU, or "
                    + "judge through a server (rubric.judge=openai)", promptTokens, outOfMemory.getMessage(),
                    plan.summary()), outOfMemory);
        }
        LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "Rubric local judge: the device ran out of "
                + "memory judging %d gradings of up to %,d prompt tokens together (%s); they are judged again, at "
                + "most %d at a time at that length, with the same verdicts. Lowered memory plan: %s", batch,
                promptTokens, outOfMemory.getMessage(), Math.max(1, lowered.batchFor(promptTokens)),
                lowered.summary()));
        plan = lowered;
    }
}
