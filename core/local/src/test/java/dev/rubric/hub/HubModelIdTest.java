package dev.rubric.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubModelIdTest {

    @Test
    void theRevisionFollowsTheAtSignAndDefaultsToMain() {
        assertThat(HubModelId.parse("prometheus-eval/prometheus-7b-v2.0"))
                .isEqualTo(new HubModelId("prometheus-eval/prometheus-7b-v2.0", "main"));
        assertThat(HubModelId.parse("org/model@v1.0")).isEqualTo(new HubModelId("org/model", "v1.0"));
        assertThat(HubModelId.parse("org/model@refs/pr/12").revision()).isEqualTo("refs/pr/12");
    }

    @Test
    void theCacheFolderIsNamedAsHuggingFaceHubNamesIt() {
        assertThat(HubModelId.parse("prometheus-eval/prometheus-8x7b-v2.0").cacheFolderName())
                .isEqualTo("models--prometheus-eval--prometheus-8x7b-v2.0");
    }

    @Test
    void malformedIdsAndRevisionsThatWouldLeaveTheCacheAreRefused() {
        for (String bad : new String[]{"model", "a/b/c", "org/../x", "org/a--b", "/abs/path", "org/"}) {
            assertThatThrownBy(() -> HubModelId.parse(bad)).as(bad).isInstanceOf(HubException.class)
                    .hasMessageContaining("is not a Hugging Face model id");
        }
        for (String bad : new String[]{"org/m@", "org/m@../../x", "org/m@/etc", "org/m@a\\b", "org/m@refs//x"}) {
            assertThatThrownBy(() -> HubModelId.parse(bad)).as(bad).isInstanceOf(HubException.class)
                    .hasMessageContaining("is not a usable revision");
        }
    }

    @Test
    void aFortyHexRevisionIsACommit() {
        assertThat(HubModelId.isCommitHash("0123456789abcdef0123456789abcdef01234567")).isTrue();
        assertThat(HubModelId.isCommitHash("main")).isFalse();
        assertThat(HubModelId.isCommitHash("0123456789ABCDEF0123456789abcdef01234567")).isFalse();
    }
}
