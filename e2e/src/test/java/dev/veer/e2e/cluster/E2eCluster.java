package dev.veer.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import dev.veer.testing.servers.FreePort;

/**
 * The cluster of {@code KUBECONFIG}, prepared once per run: the committed CRDs installed by server-side apply, a
 * namespace for the operator with the bundle's ServiceAccount and RBAC, and, on a control plane without nodes, the
 * {@link NodelessKubelet}. Starts operator processes as that ServiceAccount. {@link #close()} removes what it created
 * (the CRDs stay, as they would after an OLM uninstall).
 */
public final class E2eCluster implements AutoCloseable {

    /** Every namespace the suite creates starts with this; the stand-in kubelet looks at these only. */
    public static final String NAMESPACE_PREFIX = "veer-e2e-";

    private final KubernetesClient client;
    private final Path repoRoot;
    private final Path operatorJar;
    private final Path logDirectory;
    private final OperatorIdentity identity;
    private final BundlePermissions permissions;
    private final List<HasMetadata> rbac;
    private final Optional<NodelessKubelet> kubelet;

    private E2eCluster(KubernetesClient client, Path repoRoot, Path operatorJar, Path logDirectory,
            OperatorIdentity identity, BundlePermissions permissions, List<HasMetadata> rbac,
            Optional<NodelessKubelet> kubelet) {
        this.client = client;
        this.repoRoot = repoRoot;
        this.operatorJar = operatorJar;
        this.logDirectory = logDirectory;
        this.identity = identity;
        this.permissions = permissions;
        this.rbac = rbac;
        this.kubelet = kubelet;
    }

    /** Connects to the cluster of KUBECONFIG and prepares it; fails with what is missing. */
    public static E2eCluster prepare(E2eSettings settings) {
        KubernetesClient client = new KubernetesClientBuilder().build();
        String version = client.getKubernetesVersion().getGitVersion();
        CrdInstaller.install(client, settings.repoRoot().resolve("crds"));

        BundlePermissions permissions = BundlePermissions
                .read(settings.repoRoot().resolve("bundle/manifests/veer.clusterserviceversion.yaml"));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        OperatorIdentity identity = new OperatorIdentity(NAMESPACE_PREFIX + "operator-" + suffix,
                permissions.serviceAccount());
        client.resource(new NamespaceBuilder().withNewMetadata().withName(identity.namespace()).endMetadata().build())
                .create();
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(identity.serviceAccount())
                .withNamespace(identity.namespace()).endMetadata().build()).create();
        List<HasMetadata> rbac = permissions.objectsFor(identity, "veer-e2e-" + suffix);
        rbac.forEach(object -> client.resource(object).create());

        Optional<NodelessKubelet> kubelet = NodelessKubelet.startIfNoNodes(client, NAMESPACE_PREFIX);
        System.out.println("Veer e2e: cluster " + client.getMasterUrl() + " (Kubernetes " + version + "), "
                + (kubelet.isPresent() ? "no nodes: the suite reports pods ready through pods/status"
                        : "with nodes: pods really run")
                + "; operator runs as " + identity.username() + "; operator logs in " + settings.logDirectory());
        return new E2eCluster(client, settings.repoRoot(), settings.operatorJar(), settings.logDirectory(), identity,
                permissions, rbac, kubelet);
    }

    public KubernetesClient client() {
        return client;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public OperatorIdentity identity() {
        return identity;
    }

    public BundlePermissions permissions() {
        return permissions;
    }

    public boolean hasNodes() {
        return kubelet.isEmpty();
    }

    /** Creates a namespace of the suite ({@value #NAMESPACE_PREFIX}{@code name}-random). */
    public TestNamespace createNamespace(String name) {
        return TestNamespace.create(client, NAMESPACE_PREFIX + name + "-" + UUID.randomUUID().toString().substring(0, 6));
    }

    /**
     * Starts an operator process holding (or waiting for) Lease {@code leaseName} in the operator's namespace as
     * {@code holderIdentity}; its log is {@code target/e2e-operators/<holderIdentity>.log}.
     */
    public OperatorProcess startOperator(String leaseName, String holderIdentity) {
        Path java = Path.of(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests")));
        if (!Files.isRegularFile(operatorJar)) {
            throw new IllegalStateException("no operator jar at " + operatorJar
                    + ": build it in the same command (./mvnw -pl e2e -am verify -Pe2e)");
        }
        Path log = logDirectory.resolve(holderIdentity + ".log");
        OperatorLaunch launch = new OperatorLaunch(java, operatorJar, FreePort.allocate(), identity, leaseName,
                holderIdentity, log);
        return OperatorProcess.start(launch);
    }

    @Override
    public void close() {
        kubelet.ifPresent(NodelessKubelet::close);
        rbac.forEach(object -> client.resource(object).delete());
        client.namespaces().withName(identity.namespace()).delete();
        client.close();
    }
}
