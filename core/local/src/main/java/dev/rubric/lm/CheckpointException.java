package dev.rubric.lm;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A checkpoint (config.json, tokenizer.json, safetensors weights) could not be loaded: missing, corrupt, of an
 * unsupported kind or not matching its configuration, or the engine to run it on did not start. The message names
 * the file, the bad value and the way out. The model knows nothing of judges: the local judge turns this into its
 * own reason (a model that failed to load) at its border.
 */
@API(status = INTERNAL, since = "0.1")
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
