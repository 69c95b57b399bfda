package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

    @Test
    void readsTheConfigValuesInAnyCase() {
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThat(DeviceChoice.parse(" GPU ")).isEqualTo(DeviceChoice.GPU);
        assertThat(DeviceChoice.parse("Cpu")).isEqualTo(DeviceChoice.CPU);
    }

    @Test
    void namesTheKeyAndTheChoicesForABadValue() {
        assertThatThrownBy(() -> DeviceChoice.parse("cuda"))
                .hasMessage("rubric.judge.device is \"cuda\"; it must be auto, cpu or gpu");
    }
}
