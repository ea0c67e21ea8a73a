package dev.veer.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The API server the sandbox runs on: a real one ({@link RealApiServer}) or the embedded mock ({@link MockCluster}). */
public interface SandboxCluster extends AutoCloseable {

    /** A client of this server; callers must not close it. */
    KubernetesClient client();

    /** Base URL of the API server. */
    String url();

    /** A kubeconfig that points kubectl at this server. */
    String kubeconfig();

    @Override
    void close();
}
