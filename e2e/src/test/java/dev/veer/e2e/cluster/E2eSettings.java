package dev.veer.e2e.cluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the suite needs from its surroundings: the cluster ({@code KUBECONFIG}, required: the suite never guesses a
 * cluster), the repository root (crds/, bundle/, samples/) and the operator's production jar (built by the same Maven
 * command). Maven passes the last two as system properties.
 */
public record E2eSettings(Path kubeconfig, Path repoRoot, Path operatorJar, Path logDirectory) {

    public static E2eSettings from(Map<String, String> environment, Map<String, String> properties) {
        String kubeconfig = environment.get("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IllegalStateException("KUBECONFIG is not set: the e2e suite runs against the cluster it names, "
                    + "e.g. KUBECONFIG=~/.kube/config ./mvnw -pl e2e -am verify -Pe2e");
        }
        Path root = Path.of(properties.getOrDefault("veer.repo.root", "..")).toAbsolutePath().normalize();
        Path jar = Path.of(properties.getOrDefault("veer.e2e.operator.jar",
                root.resolve("operator/target/quarkus-app/quarkus-run.jar").toString()));
        Path logs = root.resolve("e2e/target/e2e-operators");
        return new E2eSettings(Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]), root, jar, logs);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static E2eSettings fromProcess() {
        return from(System.getenv(), (Map) System.getProperties());
    }
}
