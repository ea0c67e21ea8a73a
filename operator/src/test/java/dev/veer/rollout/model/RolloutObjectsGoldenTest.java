package dev.veer.rollout.model;

import org.junit.jupiter.api.Test;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.common.ContentHash;
import dev.veer.testing.Golden;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The objects a rollout owns, against golden files: blue runs the stable version (3 replicas), green the canary (1
 * replica); the stable Service selects the stable slot.
 */
class RolloutObjectsGoldenTest {

    private final Golden golden = Golden.of("rollout-objects");
    private final ServiceRollout rollout = golden.input("rollout.yaml", ServiceRollout.class);

    @Test
    void stableSlotDeploymentRunsTheStableTemplate() {
        PodTemplateSpec stable = golden.input("stable-template.yaml", PodTemplateSpec.class);

        golden.assertMatches("deployment-blue.yaml",
                RolloutObjects.deployment(rollout, Slot.BLUE, stable, ContentHash.of(stable), 3));
    }

    @Test
    void canarySlotDeploymentRunsTheDesiredTemplate() {
        PodTemplateSpec desired = rollout.getSpec().getTemplate();

        golden.assertMatches("deployment-green.yaml",
                RolloutObjects.deployment(rollout, Slot.GREEN, desired, ContentHash.of(desired), 1));
    }

    @Test
    void slotServicesSelectOneSlotEach() {
        golden.assertMatches("service-blue.yaml", RolloutObjects.slotService(rollout, Slot.BLUE));
        golden.assertMatches("service-green.yaml", RolloutObjects.slotService(rollout, Slot.GREEN));
    }

    @Test
    void stableServiceSelectsTheStableSlot() {
        golden.assertMatches("service-stable.yaml",
                RolloutObjects.stableService(rollout, RolloutObjects.slotSelector(rollout, Slot.BLUE)));
    }
}
