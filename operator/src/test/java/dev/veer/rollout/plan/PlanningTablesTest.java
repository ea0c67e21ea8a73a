package dev.veer.rollout.plan;

import static dev.veer.rollout.plan.Rollouts.headerRoute;
import static dev.veer.rollout.plan.Rollouts.pause;
import static dev.veer.rollout.plan.Rollouts.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import dev.veer.common.GoDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanningTablesTest {

    @ParameterizedTest(name = "replicas={0} weight={1} splitsByReplicas={2} -> canary={3} stable={4}")
    @CsvSource({
            "10, 0,   true,  1, 10",
            "10, 30,  true,  3, 7",
            "10, 30,  false, 3, 10",
            "10, 100, true,  10, 1",
            "4,  50,  true,  2, 2",
            "1,  10,  true,  1, 1",
            "3,  1,   false, 1, 3",
            "0,  50,  true,  0, 0" })
    void replicaSizesFollowTheWeight(int replicas, int weight, boolean split, int canary, int stable) {
        assertThat(ReplicaSizes.atWeight(replicas, weight, split)).isEqualTo(new ReplicaSizes(canary, stable));
    }

    @ParameterizedTest(name = "weight at step {0} is {1}")
    @CsvSource({ "0, 10", "1, 10", "2, 10", "3, 40", "4, 100", "9, 100" })
    void weightInEffectIsTheLastSetWeightUpToTheStep(int index, int weight) {
        CanarySteps steps = new CanarySteps(List.of(weight(10), pause("1m"), headerRoute("X", "y"), weight(40)));
        assertThat(steps.weightAt(index)).isEqualTo(weight);
    }

    @Test
    void weightIsZeroBeforeTheFirstSetWeight() {
        assertThat(new CanarySteps(List.of(pause("1m"), weight(20))).weightAt(0)).isZero();
    }

    @Test
    void headerRouteHoldsFromItsStepOn() {
        CanarySteps steps = new CanarySteps(List.of(weight(10), headerRoute("X", "y"), weight(40)));
        assertThat(steps.headerRouteAt(0)).isEmpty();
        assertThat(steps.headerRouteAt(1)).hasSize(1);
        assertThat(steps.headerRouteAt(2)).hasSize(1);
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({ "500ms, 500", "30s, 30000", "5m, 300000", "1h30m, 5400000", "1h0m10s, 3610000" })
    void durationsParseLikeKubernetesUsersWriteThem(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void malformedDurationIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> GoDuration.parse("30 seconds")).hasMessageContaining("expected for example 30s");
    }
}
