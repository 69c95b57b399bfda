package dev.rubric.lm;

import ai.djl.engine.EngineException;
import org.junit.jupiter.api.Test;

import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local judge says when DJL's PyTorch cannot start, or cannot give the GPU that was asked for. */
class EngineMessagesTest {

    @Test
    void aLibtorchThatCouldNotBeDownloadedNamesTheRootCauseAndTheOfflineDependencies() {
        var e = new EngineException("Failed to save pytorch index file",
                new java.io.IOException("download failed", new UnknownHostException("publish.djl.ai")));

        assertThat(CausalLm.engineUnavailableMessage(e)).contains(
                "DJL's PyTorch engine did not start (Failed to save pytorch index file: UnknownHostException "
                        + "publish.djl.ai)",
                "needs the network once, with DJL_OFFLINE unset",
                // the versions of the pytorch-engine jar on the classpath, as the project's POM pins them
                "ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0", "ai.djl.pytorch:pytorch-native-cpu:2.7.1",
                "pytorch-native-cu128:2.7.1", "-Drubric.judge=openai");
    }

    @Test
    void noGpuWithTheCpuLibtorchSaysSoAndGivesBothWaysOut() {
        String message = CausalLm.noGpuMessage("2.7.1-20250812-cpu-linux-x86_64");

        assertThat(message).contains("sees no GPU (it loaded libtorch 2.7.1-20250812-cpu-linux-x86_64, the CPU build)",
                "nvidia-smi", "pytorch-native-cu128", "set rubric.judge.device=auto (or cpu)",
                "-Drubric.judge=openai");
        assertThat(CausalLm.noGpuMessage("2.7.1-20250812-cu128-linux-x86_64")).doesNotContain("the CPU build");
    }
}
