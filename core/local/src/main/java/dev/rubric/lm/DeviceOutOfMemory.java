package dev.rubric.lm;

import ai.djl.engine.EngineException;
import org.apiguardian.api.API;

import java.util.Locale;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Recognises the device running out of memory in what DJL's PyTorch engine throws. libtorch raises
 * {@code c10::OutOfMemoryError}; DJL's JNI layer turns every {@code c10::Error} into an
 * {@code ai.djl.engine.EngineException} carrying the message without its backtrace, which for CUDA starts
 * "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of ..." and for the CPU allocator
 * reads "DefaultCPUAllocator: not enough memory: you tried to allocate ...". The message is all there is to go by.
 */
@API(status = INTERNAL, since = "0.1")
public final class DeviceOutOfMemory {

    private DeviceOutOfMemory() {
    }

    /** Whether {@code failure}, or any of its causes, is DJL's engine reporting the device out of memory. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineException && t.getMessage() != null && isOutOfMemory(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static boolean isOutOfMemory(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("cuda out of memory") || m.contains("defaultcpuallocator: not enough memory")
                || m.contains("defaultcpuallocator: can't allocate memory");
    }
}
