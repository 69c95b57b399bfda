package dev.rubric.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsAreThoseOfHuggingFaceHub() {
        HubSettings s = HubSettings.fromEnvironment(Map.of(), home);

        assertThat(s.cacheDir()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(s.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(s.token()).isEmpty();
        assertThat(s.offline()).isFalse();
        assertThat(s.progressBars()).isTrue();
    }

    @Test
    void theCacheIsHfHubCacheElseHfHomeHubElseXdgCacheHome() {
        assertThat(HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x"), home).cacheDir())
                .isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x", "HF_HOME", "~/hf"), home).cacheDir())
                .isEqualTo(home.resolve("hf/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/hf", "HF_HUB_CACHE", "/models"), home).cacheDir())
                .isEqualTo(Path.of("/models"));
        assertThat(HubSettings.fromEnvironment(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy"), home).cacheDir())
                .isEqualTo(Path.of("/legacy"));
    }

    @Test
    void offlineAcceptsTheTrueValuesOfHuggingFaceHub() {
        for (String yes : new String[]{"1", "true", "TRUE", "yes", "on"}) {
            assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", yes), home).offline()).as(yes).isTrue();
        }
        for (String no : new String[]{"0", "false", "", "no"}) {
            assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", no), home).offline()).as(no).isFalse();
        }
    }

    @Test
    void theTokenComesFromHfTokenThenTheLegacyVariableThenTheLoginFile() throws IOException {
        Path tokenFile = home.resolve(".cache/huggingface/token");
        Files.createDirectories(tokenFile.getParent());
        Files.writeString(tokenFile, "hf_fromFile\n");

        assertThat(reveal(Map.of())).isEqualTo("hf_fromFile");
        assertThat(reveal(Map.of("HUGGING_FACE_HUB_TOKEN", "hf_legacy"))).isEqualTo("hf_legacy");
        assertThat(reveal(Map.of("HF_TOKEN", "hf_new", "HUGGING_FACE_HUB_TOKEN", "hf_legacy"))).isEqualTo("hf_new");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_new"), home).toString())
                .doesNotContain("hf_new");
    }

    @Test
    void theEndpointLosesItsTrailingSlashAndMustBeHttp() {
        assertThat(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "https://hf-mirror.example/"), home).endpoint())
                .isEqualTo(URI.create("https://hf-mirror.example"));
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "ftp://x"), home))
                .hasMessageContaining("HF_ENDPOINT 'ftp://x'");
    }

    private String reveal(Map<String, String> env) {
        return HubSettings.fromEnvironment(env, home).token().orElseThrow().reveal();
    }
}
