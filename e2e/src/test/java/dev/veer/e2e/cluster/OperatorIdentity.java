package dev.veer.e2e.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ServiceAccount the operator runs as, and how a process takes that identity: fabric8 (7.3.1,
 * {@code Config.configFromSysPropsOrEnvVars}) reads {@code KUBERNETES_IMPERSONATE_USERNAME} and the comma-separated
 * {@code KUBERNETES_IMPERSONATE_GROUP} after the kubeconfig, and Quarkus builds its client from that configuration
 * ({@code new ConfigBuilder(Config.autoConfigure(null))}), so the operator's every request carries the
 * {@code Impersonate-User} and {@code Impersonate-Group} headers. The groups are the ones the API server gives a real
 * ServiceAccount token. {@code KUBERNETES_NAMESPACE} is the operator's own namespace, where JOSDK's leader election
 * keeps its Lease (the client's namespace, as the bundle's Deployment sets it from the downward API).
 */
public record OperatorIdentity(String namespace, String serviceAccount) {

    public String username() {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    public List<String> groups() {
        return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    }

    /** The environment variables that make a fabric8 client (the operator's) act as this ServiceAccount. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KUBERNETES_IMPERSONATE_USERNAME", username());
        environment.put("KUBERNETES_IMPERSONATE_GROUP", String.join(",", groups()));
        environment.put("KUBERNETES_NAMESPACE", namespace);
        return environment;
    }
}
