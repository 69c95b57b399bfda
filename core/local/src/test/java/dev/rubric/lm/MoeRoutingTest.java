package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mixtral routing on hand-computed numbers: softmax, top-2, the two weights renormalised to sum to 1. */
class MoeRoutingTest {

    @Test
    void picksTheTwoLargestLogitsAndRenormalisesTheirSoftmaxWeights() {
        // token 0: logits 1, 2, 3, 0 -> experts 2 then 1; weights e^3/(e^3+e^2) = 1/(1+e^-1) = 0.7310586, 0.2689414
        // token 1: logits 0, ln 3, 0, ln 1 = 0 -> expert 1 (p=3/6), then a tie of three at 1/6 -> lowest index 0;
        //          renormalised: 3/4 and 1/4
        float ln3 = (float) Math.log(3);
        MoeRouting r = MoeRouting.route(new float[] {1, 2, 3, 0, 0, ln3, 0, 0}, 2, 4, 2);

        assertThat(r.experts()[0]).containsExactly(2, 1);
        assertThat(r.weights()[0][0]).isCloseTo(0.7310586f, within(1e-6f));
        assertThat(r.weights()[0][1]).isCloseTo(0.2689414f, within(1e-6f));
        assertThat(r.experts()[1]).containsExactly(1, 0);
        assertThat(r.weights()[1][0]).isCloseTo(0.75f, within(1e-6f));
        assertThat(r.weights()[1][1]).isCloseTo(0.25f, within(1e-6f));
    }

    @Test
    void weightsDoNotDependOnTheExpertsLeftOut() {
        // the same top-2 logits with very different losers: renormalisation over the top 2 cancels the rest
        MoeRouting a = MoeRouting.route(new float[] {5, 4, -10, -10}, 1, 4, 2);
        MoeRouting b = MoeRouting.route(new float[] {5, 4, 3.9f, 3.9f}, 1, 4, 2);
        assertThat(a.weights()[0][0]).isCloseTo(b.weights()[0][0], within(1e-6f))
                .isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
    }

    @Test
    void topOneGivesAllWeightToTheBestExpert() {
        MoeRouting r = MoeRouting.route(new float[] {0.1f, 0.7f, 0.2f}, 1, 3, 1);
        assertThat(r.experts()[0]).containsExactly(1);
        assertThat(r.weights()[0]).containsExactly(1f);
    }
}
