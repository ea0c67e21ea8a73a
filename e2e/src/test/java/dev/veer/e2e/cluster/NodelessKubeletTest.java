package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.veer.sandbox.MockCluster;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The stand-in kubelet's wiring (pod informer, status patch through pods/status), on fabric8's mock API server. The
 * mock is a convenience here: whether a real API server and controller-manager accept that status is for the e2e
 * suite on a node-less control plane to show.
 */
class NodelessKubeletTest {

    private final MockCluster cluster = MockCluster.start();
    private final KubernetesClient client = cluster.client();
    private Optional<NodelessKubelet> kubelet = Optional.empty();

    @AfterEach
    void stop() {
        kubelet.ifPresent(NodelessKubelet::close);
        cluster.close();
    }

    private Pod create(String namespace, String name, boolean neverReady) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(RolloutYaml.IMAGE).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus();
        if (neverReady) {
            pod.editSpec().editContainer(0).withNewReadinessProbe().withNewExec()
                    .withCommand(PodReadiness.NEVER_READY_COMMAND).endExec().endReadinessProbe().endContainer()
                    .endSpec();
        }
        return client.resource(pod.build()).create();
    }

    private Pod get(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    @Test
    void withoutNodesThePodsOfTheSuiteAreReportedReadyExceptTheNeverReadyOnes() {
        kubelet = NodelessKubelet.startIfNoNodes(client, "veer-e2e-");
        assertThat(kubelet).isPresent();

        create("veer-e2e-a", "healthy", false);
        create("veer-e2e-a", "broken", true);
        create("other", "foreign", false);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(PodReadiness.isRunningAndReady(get("veer-e2e-a", "healthy"))).isTrue());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                "Pending".equals(get("veer-e2e-a", "broken").getStatus().getPhase())
                        && "Pending".equals(get("other", "foreign").getStatus().getPhase()));
        assertThat(get("veer-e2e-a", "healthy").getStatus().getContainerStatuses()).singleElement()
                .satisfies(status -> assertThat(status.getReady()).isTrue());
        assertThat(kubelet.get().reported()).isEqualTo(1);
    }

    @Test
    void withNodesNothingIsStartedAndPodsAreLeftToTheKubelets() {
        client.resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build()).create();

        kubelet = NodelessKubelet.startIfNoNodes(client, "veer-e2e-");

        assertThat(kubelet).isEmpty();
    }
}
