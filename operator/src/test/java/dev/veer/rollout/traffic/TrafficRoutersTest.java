package dev.veer.rollout.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.veer.api.BlueGreenStrategy;
import dev.veer.api.ServiceRollout;
import dev.veer.api.StrategySpec;
import dev.veer.api.TrafficRouting;

class TrafficRoutersTest {

    /** The routers only keep the client; choosing one does no I/O. */
    private final TrafficRouters routers = new TrafficRouters(null, null);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "service-selector, serviceSelector",
            "gateway-api,      gatewayAPI",
            "nginx,            nginx",
            "istio,            istio",
    })
    void routerFollowsTheRolloutsTrafficRouting(String goldenCase, String router) {
        assertThat(routers.forRollout(Fixtures.target(goldenCase).rollout()).name()).isEqualTo(router);
    }

    @Test
    void emptyTrafficRoutingMeansTheServiceSelector() {
        ServiceRollout rollout = Fixtures.target("service-selector").rollout();
        rollout.getSpec().getStrategy().getCanary().setTrafficRouting(new TrafficRouting());

        assertThat(routers.forRollout(rollout).name()).isEqualTo(ServiceSelectorRouter.NAME);
    }

    @Test
    void blueGreenSwitchesTheServiceSelector() {
        ServiceRollout rollout = Fixtures.target("service-selector").rollout();
        StrategySpec blueGreen = new StrategySpec();
        blueGreen.setBlueGreen(new BlueGreenStrategy());
        rollout.getSpec().setStrategy(blueGreen);

        assertThat(routers.forRollout(rollout).name()).isEqualTo(ServiceSelectorRouter.NAME);
    }
}
