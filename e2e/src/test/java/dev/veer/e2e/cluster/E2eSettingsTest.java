package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class E2eSettingsTest {

    @Test
    void withoutKubeconfigTheSuiteRefusesToGuessACluster() {
        assertThatThrownBy(() -> E2eSettings.from(Map.of(), Map.of()))
                .hasMessageContaining("KUBECONFIG is not set")
                .hasMessageContaining("./mvnw -pl e2e -am verify -Pe2e");
    }

    @Test
    void theFirstKubeconfigOfAListNamesTheClusterAndTheJarDefaultsToTheBuiltOne() {
        E2eSettings settings = E2eSettings.from(Map.of("KUBECONFIG", "/a/config:/b/config"),
                Map.of("veer.repo.root", "/repo/e2e/.."));

        assertThat(settings.kubeconfig()).isEqualTo(Path.of("/a/config"));
        assertThat(settings.repoRoot()).isEqualTo(Path.of("/repo"));
        assertThat(settings.operatorJar()).isEqualTo(Path.of("/repo/operator/target/quarkus-app/quarkus-run.jar"));
        assertThat(settings.logDirectory()).isEqualTo(Path.of("/repo/e2e/target/e2e-operators"));
    }
}
