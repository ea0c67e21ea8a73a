package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

class CrdInstallerTest {

    @Test
    void everyCommittedCrdIsInstalled() {
        assertThat(CrdInstaller.files(Path.of(System.getProperty("veer.repo.root", ".."), "crds")))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("configwatches.veer.dev-v1.yml", "gitsyncs.veer.dev-v1.yml", "healthchecks.veer.dev-v1.yml",
                        "servicerollouts.veer.dev-v1.yml", "snapshots.veer.dev-v1.yml");
    }

    @Test
    void aCrdIsUsableOnceItsEstablishedConditionIsTrue() {
        var pending = new CustomResourceDefinitionBuilder().withNewStatus().addNewCondition().withType("NamesAccepted")
                .withStatus("True").endCondition().addNewCondition().withType("Established").withStatus("False")
                .endCondition().endStatus().build();
        var established = new CustomResourceDefinitionBuilder(pending).editStatus().editCondition(1).withStatus("True")
                .endCondition().endStatus().build();

        assertThat(CrdInstaller.isEstablished(null)).isFalse();
        assertThat(CrdInstaller.isEstablished(pending)).isFalse();
        assertThat(CrdInstaller.isEstablished(established)).isTrue();
    }
}
