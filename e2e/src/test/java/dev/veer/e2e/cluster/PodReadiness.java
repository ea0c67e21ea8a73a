package dev.veer.e2e.cluster;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * What a kubelet would report for a pod whose containers started and passed their readiness probes, and which pods
 * must never get that report: those of a version that is meant to never become ready, recognised by the readiness
 * probe {@link #NEVER_READY_COMMAND} (an exec of {@code /bin/false}: on a real node it fails, or errors on an image
 * without it such as {@code pause}, so the container is never ready there either). Pure: no API calls.
 */
public final class PodReadiness {

    /** The readiness probe command of a version that must never become ready. */
    public static final List<String> NEVER_READY_COMMAND = List.of("/bin/false");

    private PodReadiness() {
    }

    /** Whether some container of the pod has the never-ready readiness probe. */
    public static boolean isMeantToNeverBeReady(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getContainers().stream()
                .map(Container::getReadinessProbe)
                .filter(Objects::nonNull)
                .map(Probe::getExec)
                .filter(Objects::nonNull)
                .anyMatch(exec -> NEVER_READY_COMMAND.equals(exec.getCommand()));
    }

    /** Whether the pod reports Running with condition Ready True. */
    public static boolean isRunningAndReady(Pod pod) {
        PodStatus status = pod.getStatus();
        return status != null && "Running".equals(status.getPhase()) && status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * Whether the stand-in kubelet should report the pod ready: it lives in a namespace whose name starts with
     * {@code namespacePrefix}, is not being deleted, is not ready yet and is not meant to never be ready.
     */
    public static boolean shouldReportReady(Pod pod, String namespacePrefix) {
        return pod.getMetadata().getNamespace() != null
                && pod.getMetadata().getNamespace().startsWith(namespacePrefix)
                && pod.getMetadata().getDeletionTimestamp() == null
                && !isRunningAndReady(pod)
                && !isMeantToNeverBeReady(pod);
    }

    /**
     * The status of the pod once all its containers run and are ready: phase Running, conditions PodScheduled,
     * Initialized, ContainersReady and Ready True, and per container a ready, started, running status.
     */
    public static PodStatus readyStatus(Pod pod, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<PodCondition> conditions = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream()
                .map(type -> new PodConditionBuilder().withType(type).withStatus("True")
                        .withLastTransitionTime(time).build())
                .toList();
        List<ContainerStatus> containers = pod.getSpec().getContainers().stream()
                .map(container -> new ContainerStatusBuilder()
                        .withName(container.getName())
                        .withImage(container.getImage())
                        .withImageID("")
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(time).endRunning().endState()
                        .build())
                .toList();
        return new PodStatusBuilder()
                .withPhase("Running")
                .withStartTime(time)
                .withConditions(conditions)
                .withContainerStatuses(containers)
                .build();
    }
}
