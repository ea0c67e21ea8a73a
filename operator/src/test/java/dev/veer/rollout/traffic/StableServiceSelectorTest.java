package dev.veer.rollout.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.veer.common.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

class StableServiceSelectorTest {

    private final RouteTarget target = Fixtures.target("service-selector");

    @ParameterizedTest(name = "weight {0} selects slot ''{1}''")
    @CsvSource(nullValues = "both", value = {"0, blue", "1, both", "30, both", "99, both", "100, green"})
    void selectorFollowsTheWeight(int weight, String slot) {
        Map<String, String> selector = StableServiceSelector.forWeight(target, weight);

        assertThat(selector).containsEntry(Labels.ROLLOUT, "checkout");
        if (slot == null) {
            assertThat(selector).doesNotContainKey(Labels.SLOT);
        } else {
            assertThat(selector).containsEntry(Labels.SLOT, slot);
        }
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 30, 100})
    void desiredServiceIsStableWhenAppliedAgain(int weight) {
        Service once = StableServiceSelector.desired(target, Optional.of(userService()), weight);

        assertThat(StableServiceSelector.desired(target, Optional.of(once), weight)).isEqualTo(once);
    }

    @Test
    void desiredServiceKeepsEverythingButTheSelector() {
        Service current = userService();

        Service desired = StableServiceSelector.desired(target, Optional.of(current), 30);

        assertThat(desired.getSpec().getPorts()).isEqualTo(current.getSpec().getPorts());
        assertThat(desired.getMetadata()).isEqualTo(current.getMetadata());
        assertThat(current.getSpec().getSelector()).containsEntry(Labels.SLOT, "blue");
    }

    @ParameterizedTest(name = "weight {0}, ready stable {1} canary {2} -> {3}")
    @CsvSource({
            "0,   3, 1, 0",
            "100, 3, 1, 100",
            "30,  3, 1, 25",
            "30,  2, 1, 33",
            "30,  1, 2, 67",
            "30,  0, 0, 0",
            "30,  0, 2, 100",
    })
    void observedWeightIsTheCanaryShareOfReadyReplicasWhenBothSlotsAreSelected(int weight, int stableReady,
            int canaryReady, int observed) {
        Service service = StableServiceSelector.desired(target, Optional.empty(), weight);

        RouteState state = StableServiceSelector.read(target, Optional.of(service), stableReady, canaryReady);

        assertThat(state.carries(observed, List.of())).as(state.toString()).isTrue();
    }

    @Test
    void missingServiceIsAProblem() {
        RouteState state = StableServiceSelector.read(target, Optional.empty(), 1, 1);

        assertThat(state.problem()).hasValue("Service checkout not found");
    }

    @Test
    void selectorOfAnotherRolloutIsAProblem() {
        Service foreign = new ServiceBuilder(userService()).editSpec().withSelector(Map.of("app", "other"))
                .endSpec().build();

        assertThat(StableServiceSelector.read(target, Optional.of(foreign), 1, 1).problem().orElseThrow())
                .contains("neither slot");
    }

    @Test
    void headerRouteIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> StableServiceSelector.requireNoHeaderRoute(
                List.of(HeaderMatches.exact("X-Canary", "yes"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot route by header")
                .hasMessageContaining("trafficRouting");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void weightOutsideZeroToOneHundredIsRejected(int weight) {
        assertThatThrownBy(() -> StableServiceSelector.forWeight(target, weight))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 100");
    }

    private Service userService() {
        return StableServiceSelector.desired(target, Optional.empty(), 0);
    }
}
