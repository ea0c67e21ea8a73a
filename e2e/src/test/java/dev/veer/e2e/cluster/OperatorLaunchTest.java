package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.Utils;

class OperatorLaunchTest {

    private static final OperatorIdentity IDENTITY = new OperatorIdentity("veer-e2e-operator-x", "veer");
    private static final OperatorLaunch LAUNCH = new OperatorLaunch(Path.of("/usr/bin/java"),
            Path.of("/repo/operator/target/quarkus-app/quarkus-run.jar"), 41234, IDENTITY, "veer-e2e-lease",
            "veer-a", Path.of("/repo/e2e/target/e2e-operators/veer-a.log"));

    @Test
    void theProductionJarRunsWithTheJavaOfTheTests() {
        assertThat(LAUNCH.command()).containsSubsequence("/usr/bin/java", "-jar",
                "/repo/operator/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void theProcessImpersonatesTheServiceAccountWithItsGroupsAndLeasesInItsNamespace() {
        Map<String, String> environment = new HashMap<>(Map.of("KUBECONFIG", "/home/me/.kube/config",
                "QUARKUS_PROFILE", "dev", "KUBERNETES_IMPERSONATE_GROUP", "system:masters", "PATH", "/usr/bin"));

        LAUNCH.adjust(environment);

        assertThat(environment).containsEntry("KUBECONFIG", "/home/me/.kube/config")
                .containsEntry("KUBERNETES_IMPERSONATE_USERNAME", "system:serviceaccount:veer-e2e-operator-x:veer")
                .containsEntry("KUBERNETES_IMPERSONATE_GROUP",
                        "system:serviceaccounts,system:serviceaccounts:veer-e2e-operator-x,system:authenticated")
                .containsEntry("KUBERNETES_NAMESPACE", "veer-e2e-operator-x")
                .containsEntry("HOSTNAME", "veer-a")
                .containsEntry("VEER_LEADER_ELECTION_LEASE_NAME", "veer-e2e-lease")
                .containsEntry("QUARKUS_HTTP_PORT", "41234")
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON", "false")
                .doesNotContainKey("QUARKUS_PROFILE");
    }

    @Test
    void theVariablesAreTheOnesFabric8ReadsForImpersonationAndNamespace() {
        assertThat(IDENTITY.environment()).containsOnlyKeys(
                Utils.convertSystemPropertyNameToEnvVar(Config.KUBERNETES_IMPERSONATE_USERNAME),
                Utils.convertSystemPropertyNameToEnvVar(Config.KUBERNETES_IMPERSONATE_GROUP),
                Utils.convertSystemPropertyNameToEnvVar(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY));
    }

    /**
     * The same settings as system properties (fabric8 reads a system property, else the environment variable of the
     * same name) reach a configuration built the way Quarkus builds the operator's: {@code new
     * ConfigBuilder(Config.autoConfigure(null))}, over the kubeconfig's user.
     */
    @Test
    void aConfigurationBuiltLikeQuarkusDoesKeepsTheImpersonationOverTheKubeconfig(@TempDir Path dir)
            throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                users: [{name: admin, user: {token: abc}}]
                contexts: [{name: ctx, context: {cluster: c, user: admin}}]
                current-context: ctx
                """);
        Map<String, String> properties = Map.of(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString(),
                Config.KUBERNETES_IMPERSONATE_USERNAME, IDENTITY.username(),
                Config.KUBERNETES_IMPERSONATE_GROUP, IDENTITY.environment().get("KUBERNETES_IMPERSONATE_GROUP"),
                Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, IDENTITY.namespace());
        Map<String, String> saved = new HashMap<>();
        properties.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        try {
            properties.forEach(System::setProperty);

            Config config = new ConfigBuilder(Config.autoConfigure(null)).withTrustCerts(false).build();

            assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
            assertThat(config.getImpersonateUsername()).isEqualTo("system:serviceaccount:veer-e2e-operator-x:veer");
            assertThat(config.getImpersonateGroups()).containsExactlyElementsOf(IDENTITY.groups());
            assertThat(config.getNamespace()).isEqualTo("veer-e2e-operator-x");
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
