package dev.veer.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.veer.api.RollbackTo;
import dev.veer.api.RollbackWindow;
import dev.veer.api.RolloutStage;
import dev.veer.api.Snapshot;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.common.ContentHash;
import dev.veer.common.Labels;
import dev.veer.snapshot.SnapshotFactory;

/** Snapshots of a rollout's versions on the mock API server, with the real operator (hand-wired so it can restart). */
class SnapshotRolloutTest {

    private StandaloneCluster world;
    private RolloutFixtures rollouts;

    @BeforeEach
    void start() {
        world = new StandaloneCluster();
        rollouts = world.rollouts;
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void threeVersions(String name) {
        rollouts.create(RolloutFixtures.canary(name, name + ":1", 2, "[{setWeight: 50}, {pause: {}}]"));
        rollouts.awaitHealthyAt(name, 1);
        for (int version = 2; version <= 3; version++) {
            rollouts.setImage(name, name + ":" + version);
            int revision = version;
            rollouts.awaitStatus(name, s -> assertThat(s.getCanaryRevision()).isEqualTo(revision));
            rollouts.act(name, "promote-full");
            rollouts.awaitHealthyAt(name, version);
        }
    }

    private List<Snapshot> snapshotsOf(String owner) {
        return world.client().resources(Snapshot.class).inNamespace(rollouts.namespace)
                .withLabel(Labels.OWNER, owner).list().getItems();
    }

    private Map<Integer, SnapshotVerdict> verdicts(String owner) {
        return snapshotsOf(owner).stream().collect(java.util.stream.Collectors.toMap(s -> s.getSpec().getRevision(),
                s -> s.getStatus() == null ? SnapshotVerdict.Pending : s.getStatus().getVerdict()));
    }

    @Test
    void everyVersionIsANumberedSnapshotListedByOwnerLabel() {
        threeVersions("shop");

        await().atMost(RolloutFixtures.WAIT).untilAsserted(() -> assertThat(verdicts("shop")).containsExactlyInAnyOrderEntriesOf(
                Map.of(1, SnapshotVerdict.Superseded, 2, SnapshotVerdict.Superseded, 3, SnapshotVerdict.Promoted)));
        Snapshot third = snapshotsOf("shop").stream().filter(s -> s.getSpec().getRevision() == 3).findFirst().get();
        assertThat(third.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("shop:3");
        assertThat(third.getSpec().getOwnerKind()).isEqualTo("ServiceRollout");
        assertThat(third.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("shop"));
    }

    @Test
    void rollbackToRevisionOneRunsThroughTheCanaryAndReportsThatSpecTemplateIsNotRunning() {
        threeVersions("cart");

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
        assertThat(rollouts.imageOf("cart-" + status.getActiveSlot().label())).isEqualTo("cart:1");
        var inSync = Conditions.find(status.getConditions(), "TemplateInSync").get();
        assertThat(inSync.getStatus()).isEqualTo("False");
        assertThat(inSync.getMessage()).contains("running revision 1").contains("revision 3");
        await().atMost(RolloutFixtures.WAIT).untilAsserted(
                () -> assertThat(verdicts("cart")).containsEntry(3, SnapshotVerdict.RolledBack));
    }

    @Test
    void fastRollbackToThePreviousStableRevisionSkipsTheSteps() {
        threeVersions("pay");
        rollouts.update("pay", r -> {
            RollbackWindow window = new RollbackWindow();
            window.setRevisions(1);
            r.getSpec().setRollbackWindow(window);
            RollbackTo rollbackTo = new RollbackTo();
            rollbackTo.setRevision(2);
            r.getSpec().setRollbackTo(rollbackTo);
        });

        rollouts.awaitHealthyAt("pay", 2);

        assertThat(rollouts.hasEvent("pay", "FastRollback")).isTrue();
    }

    @Test
    void historyIsCollectedAtTheLimit() {
        rollouts.create(RolloutFixtures.canary("cat", "cat:1", 1, "[{setWeight: 50}]")
                .replace("revisionHistoryLimit: 10", "revisionHistoryLimit: 2"));
        rollouts.awaitHealthyAt("cat", 1);
        for (int version = 2; version <= 4; version++) {
            rollouts.setImage("cat", "cat:" + version);
            rollouts.awaitHealthyAt("cat", version);
        }

        await().atMost(RolloutFixtures.WAIT).untilAsserted(
                () -> assertThat(verdicts("cat")).containsOnlyKeys(3, 4));
    }

    @Test
    void operatorRestartedBetweenSnapshotCreationAndStatusWriteReusesTheRevision() {
        rollouts.create(RolloutFixtures.canary("inv", "inv:1", 2, "[{setWeight: 50}, {pause: {}}]"));
        rollouts.awaitHealthyAt("inv", 1);
        world.stopOperator();

        // What a pass that died after RecordSnapshot and before its status write leaves behind: the new template,
        // and its snapshot with the next revision, which the status does not name yet.
        rollouts.setImage("inv", "inv:2");
        var rollout = rollouts.get("inv");
        world.client().resource(SnapshotFactory.ofRollout(rollout, 2, rollout.getSpec().getTemplate(),
                ContentHash.of(rollout.getSpec().getTemplate()), java.time.Instant.now())).create();
        assertThat(rollout.getStatus().getCanaryRevision()).isNull();

        world.startOperator();

        rollouts.awaitStatus("inv", s -> {
            assertThat(s.getStage()).isEqualTo(RolloutStage.Canary);
            assertThat(s.getCanaryRevision()).isEqualTo(2);
        });
        assertThat(snapshotsOf("inv")).extracting(s -> s.getSpec().getRevision()).containsExactlyInAnyOrder(1, 2);
    }
}
