package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SampleDocumentsTest {

    @Test
    void documentsAreSplitAtSeparatorsAndCommentOnlyDocumentsSkipped() {
        var documents = SampleDocuments.parse(Path.of("x.yaml"), """
                # a comment before the first document
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                # only a comment
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: b}
                """);

        assertThat(documents).extracting(d -> d.resource().getKind()).containsExactly("ConfigMap", "Deployment");
        assertThat(documents.get(1).toString()).isEqualTo("x.yaml#1 (Deployment b)");
    }

    @Test
    void everyCommittedSampleIsRead() {
        var documents = SampleDocuments.read(Path.of(System.getProperty("veer.repo.root", ".."), "samples"));

        assertThat(documents).extracting(d -> d.resource().getKind())
                .contains("ServiceRollout", "ConfigWatch", "HealthCheck", "Deployment", "HTTPRoute");
        assertThat(documents).allSatisfy(d -> assertThat(d.resource().getMetadata().getName()).isNotBlank());
    }
}
