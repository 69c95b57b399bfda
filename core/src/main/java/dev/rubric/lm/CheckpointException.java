package dev.rubric.lm;

import dev.rubric.core.JudgeException;

/**
 * A checkpoint (config.json, tokenizer.json, safetensors weights) could not be loaded: missing, corrupt, of an
 * unsupported kind or not matching its configuration. The message names the file, the bad value and the way out.
 */
public class CheckpointException extends JudgeException {

    public CheckpointException(String message) {
        super(Reason.MODEL_FAILED_TO_LOAD, message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(Reason.MODEL_FAILED_TO_LOAD, message, cause);
    }
}
