package dev.rubric.lm;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Told after each tensor is loaded, for a progress bar (a 7B checkpoint takes from seconds to minutes). */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface LoadProgress {

    /**
     * @param tensor      the tensor just loaded
     * @param tensorsDone tensors loaded so far
     * @param tensors     tensors the model loads in all
     * @param bytesDone   bytes of the checkpoint read so far
     * @param bytes       bytes of all tensors in the checkpoint
     */
    void loaded(String tensor, int tensorsDone, int tensors, long bytesDone, long bytes);

    static LoadProgress none() {
        return (tensor, tensorsDone, tensors, bytesDone, bytes) -> { };
    }
}
