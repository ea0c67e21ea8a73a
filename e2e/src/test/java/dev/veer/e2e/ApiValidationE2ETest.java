package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.ServiceRollout;
import dev.veer.e2e.cluster.CrdInstaller;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.InvalidRollouts;
import dev.veer.e2e.cluster.SampleDocuments;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;

/**
 * What the API server itself accepts and refuses, from the installed CRDs' schemas and CEL rules. No operator: these
 * are the server's answers alone.
 */
class ApiValidationE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.withoutOperator();

    @Test
    void everySampleIsAcceptedByAServerSideDryRunApply() {
        List<SampleDocuments.Document> documents = SampleDocuments
                .read(veer.cluster().repoRoot().resolve("samples"));
        List<String> refused = new ArrayList<>();
        List<String> notServed = new ArrayList<>();
        int accepted = 0;
        for (SampleDocuments.Document document : documents) {
            GenericKubernetesResource resource = document.resource();
            if (!veer.client().supports(resource.getApiVersion(), resource.getKind())) {
                notServed.add(document.toString());
                continue;
            }
            try {
                veer.client().resource(resource).inNamespace(veer.namespace()).dryRun()
                        .fieldValidation(Validation.STRICT).fieldManager(CrdInstaller.FIELD_MANAGER).forceConflicts()
                        .serverSideApply();
                accepted++;
            } catch (KubernetesClientException e) {
                refused.add(document + ": " + e.getMessage());
            }
        }
        if (!notServed.isEmpty()) {
            System.out.println("Veer e2e: samples of kinds this cluster does not serve, not sent: " + notServed);
        }
        assertThat(refused).as("samples the API server refused").isEmpty();
        assertThat(notServed).as("every Veer kind is served").noneMatch(d -> d.contains("veer.dev"));
        assertThat(accepted).isGreaterThanOrEqualTo((int) documents.stream()
                .filter(d -> d.resource().getApiVersion().startsWith("veer.dev/")).count());
        assertThat(documents).as("a dry run creates nothing")
                .filteredOn(d -> d.resource().getKind().equals("ServiceRollout"))
                .allSatisfy(d -> assertThat(veer.client().resources(ServiceRollout.class).inNamespace(veer.namespace())
                        .withName(d.resource().getMetadata().getName()).get()).isNull());
    }

    @Test
    void setWeightAbove100IsRefusedWithTheSchemaMaximum() {
        String yaml = InvalidRollouts.SET_WEIGHT_150;

        assertThatThrownBy(() -> create(yaml)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getMessage()).contains("setWeight").contains("less than or equal to 100");
        });
    }

    @Test
    void bothStrategiesAreRefusedWithTheCrdRuleMessage() {
        String yaml = InvalidRollouts.BOTH_STRATEGIES;

        assertThatThrownBy(() -> create(yaml)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getMessage()).contains(InvalidRollouts.BOTH_STRATEGIES_MESSAGE);
        });
    }

    @Test
    void unknownFieldIsRefusedUnderStrictValidationAndPrunedOtherwise() {
        String yaml = InvalidRollouts.UNKNOWN_FIELD;
        GenericKubernetesResource strict = veer.client().getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);

        assertThatThrownBy(() -> veer.client().resource(strict).inNamespace(veer.namespace())
                .fieldValidation(Validation.STRICT).fieldManager(CrdInstaller.FIELD_MANAGER).forceConflicts()
                .serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getMessage()).contains(InvalidRollouts.UNKNOWN_FIELD_NAME));

        GenericKubernetesResource lenient = veer.client().getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        lenient.getMetadata().setNamespace(veer.namespace());
        GenericKubernetesResource created = veer.client().resource(lenient).fieldValidation(Validation.IGNORE)
                .create();
        Map<String, Object> spec = created.get("spec");
        assertThat(spec).as("pruned by the structural schema").doesNotContainKey(InvalidRollouts.UNKNOWN_FIELD_NAME)
                .containsEntry("replicas", 1);
    }

    private static void create(String yaml) {
        GenericKubernetesResource resource = veer.client().getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        resource.getMetadata().setNamespace(veer.namespace());
        veer.client().resource(resource).create();
    }
}
