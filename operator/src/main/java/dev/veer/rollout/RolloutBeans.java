package dev.veer.rollout;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.veer.common.ResourceWriter;
import dev.veer.rollout.traffic.TrafficRouters;
import io.fabric8.kubernetes.client.KubernetesClient;

/** CDI wiring of the rollout's plain collaborators. */
public class RolloutBeans {

    @Produces
    @Singleton
    TrafficRouters trafficRouters(KubernetesClient client, ResourceWriter writer) {
        return new TrafficRouters(client, writer);
    }
}
