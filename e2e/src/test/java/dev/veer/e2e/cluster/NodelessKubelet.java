package dev.veer.e2e.cluster;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Stands in for the kubelets of a control plane without nodes (kube-apiserver and kube-controller-manager only): pods
 * stay Pending there, so Deployments never become available. It watches the pods of the suite's namespaces and
 * reports each one Running and Ready through the {@code pods/status} subresource (see {@link PodReadiness}), except
 * the pods meant to never become ready. The ReplicaSet and Deployment controllers then count them as on a real node.
 * On a cluster with nodes it is never started: real kubelets run the pods.
 */
public final class NodelessKubelet implements AutoCloseable {

    /** Informers resync this often: a status write that failed (a conflict, a pod just created) is tried again. */
    private static final long RESYNC_MILLIS = 2_000;

    private final KubernetesClient client;
    private final String namespacePrefix;
    private final Clock clock;
    private final AtomicInteger reported = new AtomicInteger();
    private SharedIndexInformer<Pod> informer;

    private NodelessKubelet(KubernetesClient client, String namespacePrefix, Clock clock) {
        this.client = client;
        this.namespacePrefix = namespacePrefix;
        this.clock = clock;
    }

    /** Starts one if the cluster has no Node objects; empty on a cluster with nodes. */
    public static Optional<NodelessKubelet> startIfNoNodes(KubernetesClient client, String namespacePrefix) {
        if (!client.nodes().list().getItems().isEmpty()) {
            return Optional.empty();
        }
        NodelessKubelet kubelet = new NodelessKubelet(client, namespacePrefix, Clock.systemUTC());
        kubelet.informer = client.pods().inAnyNamespace().inform(kubelet.handler(), RESYNC_MILLIS);
        return Optional.of(kubelet);
    }

    private ResourceEventHandler<Pod> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                reportIfDue(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                reportIfDue(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            }
        };
    }

    private void reportIfDue(Pod pod) {
        if (!PodReadiness.shouldReportReady(pod, namespacePrefix)) {
            return;
        }
        var status = PodReadiness.readyStatus(pod, clock.instant());
        String patch = client.getKubernetesSerialization().asJson(Map.of("status", status));
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            reported.incrementAndGet();
        } catch (KubernetesClientException e) {
            // The pod was deleted meanwhile (404), or the next resync tries again.
        }
    }

    /** How many pod statuses it has written. */
    public int reported() {
        return reported.get();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
