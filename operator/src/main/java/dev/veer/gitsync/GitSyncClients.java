package dev.veer.gitsync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.veer.api.GitSync;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The Kubernetes client a GitSync writes with: one that impersonates its spec.serviceAccountName (user
 * system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;; the API server adds its groups), so the API server allows it no more than the ServiceAccount; without one,
 * the operator's own client (the GitSync is then limited to its own namespace by the manifest reader). One client per
 * ServiceAccount, kept for the life of the operator.
 */
@ApplicationScoped
public class GitSyncClients {

    private final KubernetesClient operatorClient;
    private final Map<String, KubernetesClient> impersonating = new ConcurrentHashMap<>();

    public GitSyncClients(KubernetesClient operatorClient) {
        this.operatorClient = operatorClient;
    }

    public KubernetesClient forGitSync(GitSync gitSync) {
        String serviceAccount = gitSync.getSpec().getServiceAccountName();
        if (serviceAccount == null || serviceAccount.isEmpty()) {
            return operatorClient;
        }
        String namespace = gitSync.getMetadata().getNamespace();
        return impersonating.computeIfAbsent(namespace + "/" + serviceAccount, k -> impersonate(namespace,
                serviceAccount));
    }

    /** The user name the API server sees for a GitSync with a ServiceAccount. */
    static String userOf(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    private KubernetesClient impersonate(String namespace, String serviceAccount) {
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(operatorClient.getConfiguration()).build();
        config.setImpersonateUsername(userOf(namespace, serviceAccount));
        // No groups: for a ServiceAccount user the API server adds system:serviceaccounts,
        // system:serviceaccounts:<namespace> and system:authenticated itself, so Veer needs no right to impersonate
        // groups (which would let it act as any group, system:masters included).
        config.setImpersonateGroups();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @PreDestroy
    void close() {
        impersonating.values().forEach(KubernetesClient::close);
    }
}
