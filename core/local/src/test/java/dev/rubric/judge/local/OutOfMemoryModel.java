package dev.rubric.judge.local;

import ai.djl.engine.EngineException;
import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.MemoryPlan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model in front of another that runs out of GPU memory the way DJL's PyTorch engine reports it: libtorch's
 * {@code c10::OutOfMemoryError} surfaces as an {@link EngineException} with the allocator's message (PyTorch 2.7's
 * wording below), here for any batch of more than {@code fits} sequences, in the prefill or at the first step.
 */
final class OutOfMemoryModel extends ForwardingModel {

    /** What libtorch 2.7's CUDA caching allocator says, through DJL's JNI layer (the message without backtrace). */
    static final String CUDA_OUT_OF_MEMORY = "CUDA out of memory. Tried to allocate 1.02 GiB. GPU 0 has a total "
            + "capacity of 23.55 GiB of which 612.44 MiB is free. Including non-PyTorch memory, this process has "
            + "22.94 GiB memory in use. Of the allocated memory 21.87 GiB is allocated by PyTorch, and 702.31 MiB is "
            + "reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting "
            + "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory "
            + "Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)";

    /** Where the device runs out. */
    enum Phase { PREFILL, FIRST_STEP }

    private final int fits;
    private final Phase phase;
    private final MemoryPlan plan;
    /** The batch sizes asked for, in order, and whether each ran out. */
    final List<String> batches = Collections.synchronizedList(new ArrayList<>());
    /** How many times the judge asked the model to free what it keeps between batches. */
    final java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void releaseSpareMemory() {
        released.incrementAndGet();
        super.releaseSpareMemory();
    }

    /** @param plan what {@link #memoryPlan} answers, or null for the model's own */
    OutOfMemoryModel(LanguageModel model, int fits, Phase phase, MemoryPlan plan) {
        super(model);
        this.fits = fits;
        this.phase = phase;
        this.plan = plan;
    }

    @Override
    public MemoryPlan memoryPlan(int maxBatch, int generatedTokens) {
        return plan != null ? plan : model.memoryPlan(maxBatch, generatedTokens);
    }

    @Override
    protected BatchDecoder wrap(BatchDecoder inner, int batchSize) {
        return new ForwardingDecoder(inner) {
            @Override
            public float[][] prefill(int[][] prompts) {
                boolean runsOut = prompts.length > fits && phase == Phase.PREFILL;
                batches.add(prompts.length + (runsOut ? " out of memory" : ""));
                if (runsOut) {
                    throw new EngineException(CUDA_OUT_OF_MEMORY);
                }
                return inner.prefill(prompts);
            }

            @Override
            public float[][] step(int[] tokens) {
                if (tokens.length > fits && phase == Phase.FIRST_STEP) {
                    batches.add(tokens.length + " out of memory at a step");
                    throw new EngineException(CUDA_OUT_OF_MEMORY);
                }
                return inner.step(tokens);
            }
        };
    }
}
