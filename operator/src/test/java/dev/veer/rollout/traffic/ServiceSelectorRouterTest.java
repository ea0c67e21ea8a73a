package dev.veer.rollout.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.Slot;
import dev.veer.common.ContentHash;
import dev.veer.rollout.model.RolloutObjects;
import dev.veer.sandbox.MockCluster;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** {@link ServiceSelectorRouter} against the mock API server in CRUD mode. */
class ServiceSelectorRouterTest {

    private final RouteTarget target = Fixtures.target("service-selector");
    private MockCluster cluster;
    private KubernetesClient client;
    private ServiceSelectorRouter router;
    /** Veer creates the stable Service itself, so that its apply owns (and can later drop) the selector keys. */
    private dev.veer.common.ResourceWriter writer;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        client = cluster.client();
        writer = new dev.veer.common.ResourceWriter(client, false);
        router = new ServiceSelectorRouter(client, writer);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void routeThatWasSetIsObservedAsTheReadyReplicaRatioAndNotWrittenTwice() {
        writer.apply(RolloutObjects.stableService(target.rollout(),
                RolloutObjects.slotSelector(target.rollout(), Slot.BLUE)));
        createSlot(Slot.BLUE, 3);
        createSlot(Slot.GREEN, 1);
        String created = resourceVersion();

        router.setRoute(target, 30, List.of());
        String written = resourceVersion();
        router.setRoute(target, 30, List.of());

        assertThat(router.observe(target).carries(25, List.of())).isTrue();
        assertThat(written).isNotEqualTo(created);
        assertThat(resourceVersion()).isEqualTo(written);
    }

    @Test
    void observeReadsTheCachesTheTargetBringsInsteadOfTheApiServer() {
        writer.apply(RolloutObjects.stableService(target.rollout(),
                RolloutObjects.slotSelector(target.rollout(), Slot.BLUE)));
        createSlot(Slot.BLUE, 3);
        createSlot(Slot.GREEN, 1);
        router.setRoute(target, 30, List.of());
        Service service = client.services().inNamespace(target.namespace()).withName(target.stableService()).get();
        Deployment blue = client.apps().deployments().inNamespace(target.namespace())
                .withName(target.stableSlotService()).get();
        Deployment green = client.apps().deployments().inNamespace(target.namespace())
                .withName(target.canarySlotService()).get();
        ClusterView cache = new ClusterView() {
            @Override
            public Optional<Service> cachedService(String name) {
                return Optional.of(service).filter(s -> s.getMetadata().getName().equals(name));
            }

            @Override
            public Optional<Deployment> cachedDeployment(String name) {
                return Stream.of(blue, green).filter(d -> d.getMetadata().getName().equals(name))
                        .findFirst();
            }
        };
        cluster.drainRequestCounts();

        var observed = router.observe(new RouteTarget(target.rollout(), target.stableSlot(),
                Optional.of(cache)));

        assertThat(observed.carries(25, List.of())).isTrue();
        assertThat(cluster.drainRequestCounts()).as("requests to the API server").isEmpty();
    }

    @Test
    void missingStableServiceIsCreatedBySetRoute() {
        router.setRoute(target, 100, List.of());

        assertThat(router.observe(target).carries(100, List.of())).isTrue();
        assertThat(stableService().getMetadata().getOwnerReferences()).hasSize(1);
    }

    @Test
    void resetSelectsTheStableSlotOnly() {
        router.setRoute(target, 100, List.of());

        router.reset(target);

        assertThat(router.observe(target).carries(0, List.of())).isTrue();
        assertThat(stableService().getSpec().getSelector())
                .isEqualTo(RolloutObjects.slotSelector(target.rollout(), Slot.BLUE));
    }

    @Test
    void missingStableServiceIsAProblem() {
        assertThat(router.observe(target).problem()).hasValue("Service checkout not found");
    }

    @Test
    void headerRouteIsRejectedWithoutWriting() {
        assertThatThrownBy(() -> router.setRoute(target, 30, List.of(HeaderMatches.exact("X-Canary", "yes"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stableService()).isNull();
    }

    private void createSlot(Slot slot, int ready) {
        var template = target.rollout().getSpec().getTemplate();
        Deployment deployment = RolloutObjects.deployment(target.rollout(), slot, template,
                ContentHash.of(template), ready);
        deployment.setStatus(new DeploymentStatusBuilder().withReplicas(ready).withReadyReplicas(ready).build());
        client.resource(deployment).create();
    }

    private Service stableService() {
        return client.services().inNamespace(Fixtures.NAMESPACE).withName("checkout").get();
    }

    private String resourceVersion() {
        return stableService().getMetadata().getResourceVersion();
    }
}
