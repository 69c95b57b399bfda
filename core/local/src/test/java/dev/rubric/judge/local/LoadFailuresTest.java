package dev.rubric.judge.local;

import dev.rubric.core.JudgeException;
import dev.rubric.hub.HubException;
import dev.rubric.hub.HubSettings;
import dev.rubric.hub.ModelLocator;
import dev.rubric.lm.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The local judge's border: the downloader's and the model's failures become the judge's reason and advice. */
class LoadFailuresTest {

    @TempDir
    Path tmp;

    @Test
    void aModelTheHubCannotGiveIsAModelThatFailedToLoadNamingTheSettingTheDefaultAndTheFolderReading() {
        HubException offline = offlineFailure("models/prometheus-7b");

        JudgeException e = LoadFailures.of(offline, "models/prometheus-7b");

        assertThat(e.reason()).isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD);
        assertThat(e.getCause()).isSameAs(offline);
        assertThat(e.getMessage()).startsWith(offline.getMessage()).contains("HF_HUB_OFFLINE",
                "rubric.judge.model names 'models/prometheus-7b'; the default judge is prometheus-eval/prometheus-7b-v2.0",
                "If 'models/prometheus-7b' is meant as a folder: there is none at "
                        + Path.of("models/prometheus-7b").toAbsolutePath(), "give an absolute path");
    }

    @Test
    void theDefaultModelGetsNeitherTheDefaultNorTheFolderReadingAndAnAbsolutePathNoFolderReading() {
        String theDefault = "prometheus-eval/prometheus-7b-v2.0@main";
        JudgeException e = LoadFailures.of(offlineFailure(theDefault), theDefault);
        String absolute = tmp.resolve("org/name").toString();
        JudgeException absent = LoadFailures.of(new ModelLocatorFailure(tmp).of("org/name"), absolute);

        assertThat(e.getMessage()).doesNotContain("the default judge", "meant as a folder");
        assertThat(absent.getMessage()).doesNotContain("meant as a folder");
    }

    @Test
    void aCheckpointThatCannotBeLoadedIsAModelThatFailedToLoadWithTheModelsOwnMessage() {
        CheckpointException broken = new CheckpointException("config.json of /m has no hidden_size: the file is "
                + "not a Hugging Face config");

        JudgeException e = LoadFailures.of(broken);

        assertThat(e.reason()).isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD);
        assertThat(e.getMessage()).isEqualTo(broken.getMessage());
        assertThat(e.getCause()).isSameAs(broken);
    }

    private HubException offlineFailure(String spec) {
        return new ModelLocatorFailure(tmp).of(spec);
    }

    /** What a real locator, offline with an empty cache, throws for a spec. */
    private record ModelLocatorFailure(Path tmp) {
        HubException of(String spec) {
            ModelLocator offline = new ModelLocator(HubSettings.fromEnvironment(
                    Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(), "HF_HUB_OFFLINE", "1"), tmp));
            HubException e = catchThrowableOfType(() -> offline.locate(spec), HubException.class);
            assertThat(e.problem()).isEqualTo(HubException.Problem.OFFLINE);
            return e;
        }
    }
}
