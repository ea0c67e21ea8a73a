package dev.veer.rollout;

import java.nio.file.Path;

import dev.veer.sandbox.MockCluster;
import dev.veer.sandbox.SimulatedWorkloadController;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A mock cluster with Veer's CRDs, the simulated workload controller, a namespace of rollouts and a hand-wired
 * operator that a test can restart: the world of tests that need the operator outside Quarkus.
 */
final class StandaloneCluster implements AutoCloseable {

    final MockCluster cluster;
    final SimulatedWorkloadController workloads;
    final RolloutFixtures rollouts;
    private StandaloneOperator operator;

    StandaloneCluster() {
        cluster = MockCluster.start().installCrds(Path.of(System.getProperty("veer.crds.dir", "../crds")));
        workloads = SimulatedWorkloadController.start(cluster.client());
        rollouts = new RolloutFixtures(cluster.client());
        operator = StandaloneOperator.start(cluster.client());
    }

    KubernetesClient client() {
        return cluster.client();
    }

    StandaloneOperator operator() {
        return operator;
    }

    void stopOperator() {
        operator.close();
    }

    /** A new operator with fresh caches and nothing in memory, as after a crash or an upgrade. */
    void startOperator() {
        operator = StandaloneOperator.start(cluster.client());
    }

    @Override
    public void close() {
        operator.close();
        workloads.close();
        cluster.close();
    }
}
