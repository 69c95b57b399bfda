package dev.rubric.lm;

import org.apiguardian.api.API;

import java.util.Locale;
import java.util.OptionalLong;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How many sequences fit in one batch on the model's device, computed from the model's shape, its working dtype and
 * the memory the device had free before the weights were loaded.
 *
 * <p>A batch of {@code b} prompts of {@code T} tokens, each generating up to {@code G} tokens, needs the larger of two
 * peaks, and both must fit in what the weights, the stored prompt head and a margin leave free:
 * <ul>
 *   <li>prefill: the KV cache reserved for the prompts and the first share of the generation
 *       ({@code T + min(G, }{@value KvCache#BLOCK}{@code )} slots per sequence), plus the temporaries of one
 *       prefill group (at least one sequence: the plan then picks the group size from what is left);</li>
 *   <li>decoding: the KV cache grown to its full length ({@code T + G} slots per sequence), plus one decode step's
 *       temporaries and one layer's new keys (or values) while the cache grows.</li>
 * </ul>
 * The margin, {@value #MARGIN_FIXED_MIB} MiB plus {@value #MARGIN_PERCENT}% of the free memory, is for what the plan
 * does not count: the allocator's rounding and fragmentation, libraries' workspaces (cuBLAS), and the CUDA context's
 * growth. The plan is an estimate; when the device runs out of memory anyway, the judge lowers it ({@link #lowered}).
 *
 * <p>A device that reports no free memory (the CPU) is not planned: batches are as large as the configured bound, and
 * prefill groups stay under a fixed number of attention scores, as before.
 */
@API(status = INTERNAL, since = "0.1")
public final class MemoryPlan {

    static final long MARGIN_FIXED_MIB = 1024;
    static final int MARGIN_PERCENT = 5;
    private static final long MIB = 1L << 20;

    private final MemoryCosts costs;
    private final String label;
    private final long freeBytes;
    private final long headBytes;
    private final long budget;
    private final int maxBatch;
    private final int generatedTokens;
    private final int cap;
    private final int lowerings;

    private MemoryPlan(MemoryCosts costs, String label, long freeBytes, long headBytes, long budget, int maxBatch,
            int generatedTokens, int cap, int lowerings) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the batch bound must be at least 1, got " + maxBatch);
        }
        if (generatedTokens < 1) {
            throw new IllegalArgumentException("a sequence generates at least 1 token, not " + generatedTokens);
        }
        this.costs = costs;
        this.label = label;
        this.freeBytes = freeBytes;
        this.headBytes = headBytes;
        this.budget = budget;
        this.maxBatch = maxBatch;
        this.generatedTokens = generatedTokens;
        this.cap = cap;
        this.lowerings = lowerings;
    }

    /**
     * No plan: batches of up to {@code maxBatch} sequences whatever their length, for a model that knows nothing of
     * its memory (a test double, a model on a device that reports none).
     */
    public static MemoryPlan unplanned(int maxBatch, int generatedTokens) {
        return new MemoryPlan(null, "a model that plans no memory", -1, 0, Long.MAX_VALUE, maxBatch, generatedTokens,
                maxBatch, 0);
    }

    /**
     * The plan for a model of {@code costs} on a device with {@code free} bytes free before its weights were loaded
     * (empty: not planned).
     *
     * @param label           the model and device for the log line, e.g. "MistralForCausalLM (7.24 B parameters),
     *                        float16 on gpu(0)"
     * @param headTokens      prompt-head slots kept between batches (0 when prompt heads are not shared)
     * @param maxBatch        the most sequences per batch whatever fits (the configured bound)
     * @param generatedTokens the most tokens a sequence generates after its prompt
     */
    static MemoryPlan of(MemoryCosts costs, String label, OptionalLong free, int headTokens, int maxBatch,
            int generatedTokens) {
        long headBytes = headTokens * costs.kvBytesPerToken();
        if (free.isEmpty()) {
            return new MemoryPlan(costs, label, -1, headBytes, Long.MAX_VALUE, maxBatch, generatedTokens, maxBatch, 0);
        }
        long freeBytes = free.getAsLong();
        long budget = freeBytes - costs.weightBytes() - marginBytes(freeBytes) - headBytes;
        return new MemoryPlan(costs, label, freeBytes, headBytes, budget, maxBatch, generatedTokens, maxBatch, 0);
    }

    /** What the plan keeps free of {@code freeBytes} for what it does not count. */
    static long marginBytes(long freeBytes) {
        return MARGIN_FIXED_MIB * MIB + freeBytes / 100 * MARGIN_PERCENT;
    }

    /** Whether the device reported its free memory, so that batches are sized by it. */
    public boolean planned() {
        return freeBytes >= 0 && costs != null;
    }

    /** The configured bound on sequences per batch. */
    public int maxBatch() {
        return maxBatch;
    }

    /** How many times out-of-memory lowered this plan. */
    public int lowerings() {
        return lowerings;
    }

    /**
     * The most sequences of up to {@code promptTokens} prompt tokens that fit in one batch (at most the bound); 0
     * when not even one does by the plan.
     */
    public int batchFor(int promptTokens) {
        if (!planned()) {
            return cap;
        }
        if (!fits(1, promptTokens)) {
            return 0;
        }
        int low = 1; // fits
        int high = cap; // the answer lies in [low, high]
        while (low < high) {
            int mid = (int) (((long) low + high + 1) / 2);
            if (fits(mid, promptTokens)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * Whether the weights alone fit in the free memory with the margin's fixed {@value #MARGIN_FIXED_MIB} MiB
     * (always true when not planned). Weights that fit with no room for a batch still load: {@link #batchFor} is
     * then 0, and the judge tries one sequence at a time.
     */
    public boolean weightsFit() {
        return !planned() || freeBytes - costs.weightBytes() - MARGIN_FIXED_MIB * MIB >= 0;
    }

    /**
     * A plan that runs at most half of {@code failedBatch} sequences of {@code promptTokens} tokens, after the device
     * ran out of memory with that batch: the budget shrinks to what half the batch needs by this plan's own account
     * (so longer prompts shrink in proportion), or, unplanned, batches are capped at half. A batch of one cannot be
     * lowered: the same plan comes back.
     */
    public MemoryPlan lowered(int failedBatch, int promptTokens) {
        if (failedBatch <= 1) {
            return this;
        }
        int half = failedBatch / 2;
        if (!planned()) {
            return new MemoryPlan(costs, label, freeBytes, headBytes, budget, maxBatch, generatedTokens,
                    Math.min(cap, half), lowerings + 1);
        }
        long needed = peakBytes(half, promptTokens);
        return new MemoryPlan(costs, label, freeBytes, headBytes, Math.min(budget, needed), maxBatch,
                generatedTokens, cap, lowerings + 1);
    }

    /**
     * Sequences per prefill group for a batch of {@code batch} sequences with {@code reservedSlots} KV slots each,
     * prefilling {@code tokens} new tokens that attend to {@code seen} slots: the largest group whose temporaries fit
     * beside the cache (at least one). Unplanned, groups stay under {@code scoresCap} attention scores per layer.
     */
    int prefillGroup(int batch, int tokens, int seen, int reservedSlots, long scoresCap) {
        if (costs == null) {
            return batch;
        }
        if (!planned()) {
            long scoresPerSequence = (long) costs.config().heads() * tokens * seen;
            return (int) Math.max(1, Math.min(batch, scoresCap / scoresPerSequence));
        }
        long left = budget - (long) batch * reservedSlots * costs.kvBytesPerToken();
        int low = 1;
        int high = batch;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (costs.forwardBytes(mid, tokens, seen) <= left) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The larger of the prefill and decoding peaks of a batch, in bytes (planned models only). */
    long peakBytes(int batch, int promptTokens) {
        int full = promptTokens + generatedTokens;
        int reserved = promptTokens + Math.min(generatedTokens, KvCache.BLOCK);
        long kv = costs.kvBytesPerToken();
        long decoding = (long) batch * full * kv + costs.forwardBytes(batch, 1, full) + costs.growthBytes(batch, full);
        long prefill = (long) batch * reserved * kv + costs.forwardBytes(1, promptTokens, promptTokens);
        return Math.max(decoding, prefill);
    }

    private boolean fits(int batch, int promptTokens) {
        return peakBytes(batch, promptTokens) <= budget;
    }

    /** The bytes free before the weights were loaded, as the device reported them (-1 when not planned). */
    long freeBytes() {
        return freeBytes;
    }

    MemoryCosts costs() {
        return costs;
    }

    /**
     * One line for the log, e.g. "MistralForCausalLM (7.24 B parameters), float16 on gpu(0), 24.7 GB free: weights
     * 14.5 GB, KV cache 128 KiB per token, ..., up to 28 sequences per batch at 1,024 prompt tokens (38 at 512, 19
     * at 2,048)".
     */
    public String summary() {
        if (!planned()) {
            return label + ": memory not planned (the device reports no free memory); batches of up to " + cap;
        }
        long kv = costs.kvBytesPerToken();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s, %.1f GB free: weights %.1f GB, KV cache %s "
                + "per token", label, freeBytes / 1e9, costs.weightBytes() / 1e9,
                kv >= 1024 ? String.format(Locale.ROOT, "%,d KiB", kv / 1024) : kv + " bytes"));
        if (headBytes > 0) {
            s.append(String.format(Locale.ROOT, ", %.2f GB for the prompt head kept between batches", headBytes / 1e9));
        }
        s.append(String.format(Locale.ROOT, ", %.1f GB kept free", marginBytes(freeBytes) / 1e9));
        if (!weightsFit()) {
            return s.append(": the weights do not fit").toString();
        }
        s.append(String.format(Locale.ROOT, "; with up to %,d generated tokens, %s at 1,024 prompt tokens (%s at 512, "
                + "%s at 2,048)", generatedTokens, perBatch(1024), countAt(512), countAt(2048)));
        s.append(String.format(Locale.ROOT, ", at most %,d per batch", cap));
        if (lowerings > 0) {
            s.append(" (lowered ").append(lowerings).append(lowerings == 1 ? " time" : " times")
                    .append(" after the device ran out of memory)");
        }
        return s.toString();
    }

    private String perBatch(int promptTokens) {
        int n = batchFor(promptTokens);
        return n == 0 ? "not one sequence fits" : "up to " + n + " sequences per batch";
    }

    private String countAt(int promptTokens) {
        return String.valueOf(batchFor(promptTokens));
    }

    @Override
    public String toString() {
        return "MemoryPlan[" + summary() + "]";
    }
}
