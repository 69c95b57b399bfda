package dev.rubric.stats;

import dev.rubric.stats.PairwiseAccuracy.Preference;
import org.junit.jupiter.api.Test;

import static dev.rubric.stats.PairwiseAccuracy.Preference.FIRST;
import static dev.rubric.stats.PairwiseAccuracy.Preference.SECOND;
import static dev.rubric.stats.PairwiseAccuracy.Preference.TIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairwiseAccuracyTest {

    @Test
    void humanTiesAreMissesWithTiesAndLeftOutWithout() {
        // 6 records: 4 untied (3 right), 2 ties the judge broke (misses). With ties 3 of 6, without 3 of 4.
        Preference[] human = {FIRST, SECOND, FIRST, SECOND, TIE, TIE};
        Preference[] judge = {FIRST, SECOND, SECOND, SECOND, FIRST, SECOND};

        PairwiseAccuracy accuracy = PairwiseAccuracy.of(human, judge);

        assertThat(accuracy.withTies()).isEqualTo(new Rate(3, 6));
        assertThat(accuracy.withoutTies()).isEqualTo(new Rate(3, 4));
        assertThat(accuracy.withoutTies().value()).hasValue(0.75);
        // Wilson (1927), 3 of 4: 0.3006 to 0.9544
        assertThat(accuracy.withoutTies().interval().low()).isCloseTo(0.3006, within(1e-4));
        assertThat(accuracy.withoutTies().interval().high()).isCloseTo(0.9544, within(1e-4));
    }

    @Test
    void aTieThatTheJudgeCallsATieIsRight() {
        PairwiseAccuracy accuracy = PairwiseAccuracy.of(new Preference[] {TIE, TIE}, new Preference[] {TIE, FIRST});
        assertThat(accuracy.withTies()).isEqualTo(new Rate(1, 2));
        assertThat(accuracy.withoutTies()).isEqualTo(new Rate(0, 0));
        assertThat(accuracy.withoutTies().value()).isEmpty();
    }

    @Test
    void unpairedPreferencesAreRefused() {
        assertThatThrownBy(() -> PairwiseAccuracy.of(new Preference[] {FIRST}, new Preference[0]))
                .hasMessageContaining("got 1 and 0");
        assertThatThrownBy(() -> new Rate(3, 2)).hasMessageContaining("got 3 of 2");
    }
}
