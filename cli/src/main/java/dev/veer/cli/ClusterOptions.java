package dev.veer.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Which cluster and namespace a command talks to, as kubectl chooses them: {@code KUBECONFIG} (or
 * {@code --kubeconfig}), {@code --context}, {@code -n}, {@code -A}. kubectl passes none of its own flags to a plugin,
 * so the plugin reads them itself.
 */
final class ClusterOptions {

    @Option(scope = ScopeType.INHERIT, names = "--kubeconfig", description = "Path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config).")
    String kubeconfig;

    @Option(scope = ScopeType.INHERIT, names = "--context", description = "The kubeconfig context to use.")
    String context;

    @Option(scope = ScopeType.INHERIT, names = { "-n", "--namespace" }, description = "Namespace (default: the context's namespace).")
    String namespace;

    @Option(scope = ScopeType.INHERIT, names = { "-A", "--all-namespaces" }, description = "All namespaces (list, get of ConfigWatches/GitSyncs).")
    boolean allNamespaces;

    @Option(scope = ScopeType.INHERIT, names = "--request-timeout", description = "Seconds to wait for each API request (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    int requestTimeoutSeconds;

    Cluster connect() {
        if (kubeconfig != null) {
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig);
        }
        Config config = Config.autoConfigure(context);
        config.setRequestTimeout(requestTimeoutSeconds * 1000);
        config.setConnectionTimeout(Math.min(requestTimeoutSeconds, 10) * 1000);
        // A command line should fail fast and say why, not retry for seconds.
        config.setRequestRetryBackoffLimit(0);
        String ns = namespace != null ? namespace : config.getNamespace() != null ? config.getNamespace() : "default";
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new Cluster(client, ns, allNamespaces);
    }
}
