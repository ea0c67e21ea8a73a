package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.RollbackTo;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.RolloutYaml;
import dev.veer.e2e.cluster.Rollouts;
import io.fabric8.kubernetes.client.KubernetesClientException;

class SnapshotE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.running();

    /** Versions 1, 2 and 3 of {@code name}, each promoted at once (promote-full). */
    private static void threeVersions(Rollouts rollouts, String name) {
        rollouts.create(RolloutYaml.canary(name, 2, "[{setWeight: 50}, {pause: {}}]", "1", 1));
        rollouts.awaitHealthyAt(name, 1);
        for (int version = 2; version <= 3; version++) {
            rollouts.setVersion(name, Integer.toString(version), true);
            int revision = version;
            rollouts.awaitStatus(name, s -> assertThat(s.getCanaryRevision()).isEqualTo(revision));
            rollouts.act(name, "promote-full");
            rollouts.awaitHealthyAt(name, version);
        }
    }

    private static Map<Integer, SnapshotVerdict> verdicts(Rollouts rollouts, String owner) {
        return rollouts.snapshotsOf(owner).stream().collect(Collectors.toMap(s -> s.getSpec().getRevision(),
                s -> s.getStatus() == null ? SnapshotVerdict.Pending : s.getStatus().getVerdict()));
    }

    private static String versionOf(Snapshot snapshot) {
        return snapshot.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(RolloutYaml.VERSION_VARIABLE)).findFirst().orElseThrow().getValue();
    }

    @Test
    void threeVersionsAreThreeNumberedSnapshotsWhoseSpecTheApiServerKeepsImmutable() {
        Rollouts rollouts = veer.rollouts();
        threeVersions(rollouts, "shop");

        await().atMost(Rollouts.WAIT).untilAsserted(() -> assertThat(verdicts(rollouts, "shop"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1, SnapshotVerdict.Superseded,
                        2, SnapshotVerdict.Superseded, 3, SnapshotVerdict.Promoted)));
        Snapshot third = rollouts.snapshotsOf("shop").stream().filter(s -> s.getSpec().getRevision() == 3)
                .findFirst().orElseThrow();
        assertThat(versionOf(third)).isEqualTo("3");
        assertThat(third.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("shop"));

        assertThatThrownBy(() -> veer.client().resources(Snapshot.class).inNamespace(rollouts.namespace())
                .withName(third.getMetadata().getName()).edit(s -> {
                    s.getSpec().setRevision(99);
                    return s;
                }))
                .as("the CRD's transition rule refuses any change of a Snapshot's spec")
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("a Snapshot is immutable");
                });
        assertThat(veer.client().resources(Snapshot.class).inNamespace(rollouts.namespace())
                .withName(third.getMetadata().getName()).get().getSpec().getRevision()).isEqualTo(3);
    }

    @Test
    void rollbackToRevisionOneRunsItThroughTheStepsAndReportsTheTemplateOutOfSync() {
        Rollouts rollouts = veer.rollouts();
        threeVersions(rollouts, "cart");

        rollouts.update("cart", r -> {
            RollbackTo rollbackTo = new RollbackTo();
            rollbackTo.setRevision(1);
            r.getSpec().setRollbackTo(rollbackTo);
        });
        rollouts.awaitStatus("cart", s -> {
            assertThat(s.getCanaryRevision()).isEqualTo(1);
            assertThat(s.getCanaryWeight()).isEqualTo(50);
        });
        rollouts.act("cart", "promote");

        var status = rollouts.awaitHealthyAt("cart", 1);
        var slot = rollouts.deployment("cart-" + status.getActiveSlot().label());
        assertThat(slot.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("1"));
        var inSync = Conditions.find(status.getConditions(), "TemplateInSync").orElseThrow();
        assertThat(inSync.getStatus()).isEqualTo("False");
        assertThat(inSync.getMessage()).contains("revision 1");
        await().atMost(Rollouts.WAIT).untilAsserted(
                () -> assertThat(verdicts(rollouts, "cart")).containsEntry(3, SnapshotVerdict.RolledBack));
    }
}
