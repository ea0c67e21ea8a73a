package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;

class PodReadinessTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:00:00.250Z");

    private static PodBuilder pod(String namespace) {
        return new PodBuilder().withNewMetadata().withName("shop-blue-abc").withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(RolloutYaml.IMAGE).endContainer()
                .addNewContainer().withName("sidecar").withImage(RolloutYaml.IMAGE).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus();
    }

    private static Pod neverReady() {
        return pod("veer-e2e-canary-1").editSpec().editContainer(0).withNewReadinessProbe().withNewExec()
                .withCommand(PodReadiness.NEVER_READY_COMMAND).endExec().endReadinessProbe().endContainer().endSpec()
                .build();
    }

    @Test
    void aPendingPodOfTheSuiteIsReportedReady() {
        assertThat(PodReadiness.shouldReportReady(pod("veer-e2e-canary-1").build(), "veer-e2e-")).isTrue();
    }

    @Test
    void podsOutsideTheSuitesNamespacesAreLeftAlone() {
        assertThat(PodReadiness.shouldReportReady(pod("kube-system").build(), "veer-e2e-")).isFalse();
    }

    @Test
    void aPodMeantToNeverBeReadyIsNeverReported() {
        assertThat(PodReadiness.isMeantToNeverBeReady(neverReady())).isTrue();
        assertThat(PodReadiness.shouldReportReady(neverReady(), "veer-e2e-")).isFalse();
    }

    @Test
    void anotherExecProbeDoesNotMarkAPodNeverReady() {
        Pod pod = pod("veer-e2e-canary-1").editSpec().editContainer(0).withNewReadinessProbe().withNewExec()
                .withCommand("cat", "/tmp/ready").endExec().endReadinessProbe().endContainer().endSpec().build();

        assertThat(PodReadiness.isMeantToNeverBeReady(pod)).isFalse();
    }

    @Test
    void aPodBeingDeletedOrAlreadyReadyIsNotReportedAgain() {
        Pod deleting = pod("veer-e2e-canary-1").editMetadata().withDeletionTimestamp("2026-11-30T04:00:00Z")
                .endMetadata().build();
        Pod ready = pod("veer-e2e-canary-1").withStatus(PodReadiness.readyStatus(pod("x").build(), NOW)).build();

        assertThat(PodReadiness.shouldReportReady(deleting, "veer-e2e-")).isFalse();
        assertThat(PodReadiness.isRunningAndReady(ready)).isTrue();
        assertThat(PodReadiness.shouldReportReady(ready, "veer-e2e-")).isFalse();
    }

    @Test
    void theReadyStatusIsWhatAKubeletReportsForRunningReadyContainers() {
        var status = PodReadiness.readyStatus(pod("veer-e2e-canary-1").build(), NOW);

        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getConditions()).extracting(PodCondition::getType)
                .containsExactly("PodScheduled", "Initialized", "ContainersReady", "Ready");
        assertThat(status.getConditions()).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-30T04:00:00Z");
        });
        assertThat(status.getContainerStatuses()).extracting(c -> c.getName()).containsExactly("app", "sidecar");
        assertThat(status.getContainerStatuses()).allSatisfy(c -> {
            assertThat(c.getReady()).isTrue();
            assertThat(c.getStarted()).isTrue();
            assertThat(c.getRestartCount()).isZero();
            assertThat(c.getImage()).isEqualTo(RolloutYaml.IMAGE);
            assertThat(c.getState().getRunning().getStartedAt()).isEqualTo("2026-11-30T04:00:00Z");
        });
    }
}
