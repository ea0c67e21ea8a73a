package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Snapshot;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Owner references, honoured by the garbage collector of kube-controller-manager (the mock server has none). */
class GarbageCollectionE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.running();

    @Test
    void deletingARolloutLetsTheGarbageCollectorRemoveItsSlotDeploymentsServicesAndSnapshots() {
        Rollouts rollouts = veer.rollouts();
        rollouts.create(RolloutYaml.canary("gc", 1, "[{setWeight: 50}]", "1", 1));
        rollouts.awaitHealthyAt("gc", 1);
        ServiceRollout rollout = rollouts.get("gc");
        String uid = rollout.getMetadata().getUid();
        assertThat(ownedBy(uid)).as("objects owned by the rollout")
                .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("Deployment/gc-blue", "Service/gc");

        veer.client().resource(rollout).delete();

        await("garbage collection").atMost(Rollouts.WAIT)
                .untilAsserted(() -> assertThat(ownedBy(uid)).as("objects still owned by the deleted rollout").isEmpty());
        assertThat(veer.client().apps().deployments().inNamespace(veer.namespace()).withName("gc-blue").get()).isNull();
        assertThat(veer.client().resources(ServiceRollout.class).inNamespace(veer.namespace()).withName("gc").get())
                .isNull();
    }

    private static List<HasMetadata> ownedBy(String uid) {
        var client = veer.client();
        String namespace = veer.namespace();
        return Stream.of(
                        client.apps().deployments().inNamespace(namespace).list().getItems().stream(),
                        client.services().inNamespace(namespace).list().getItems().stream(),
                        client.resources(Snapshot.class).inNamespace(namespace).list().getItems().stream())
                .flatMap(s -> s.map(HasMetadata.class::cast))
                .filter(o -> o.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uid.equals(ref.getUid())))
                .toList();
    }
}
