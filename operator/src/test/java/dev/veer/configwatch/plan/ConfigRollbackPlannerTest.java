package dev.veer.configwatch.plan;

import static dev.veer.configwatch.ConfigWatches.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.ConfigFormat;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ConsumerKind;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.configwatch.ConfigWatches;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.SourceStatus;
import dev.veer.configwatch.model.ConfigRenderer;
import dev.veer.configwatch.plan.ConfigAction.ApplyStable;
import dev.veer.configwatch.plan.ConfigAction.ApplyVersioned;
import dev.veer.configwatch.plan.ConfigAction.DeleteSnapshot;
import dev.veer.configwatch.plan.ConfigAction.RecordSnapshot;
import dev.veer.configwatch.plan.ConfigAction.RestoreStable;
import dev.veer.configwatch.plan.ConfigAction.RollConsumer;
import dev.veer.configwatch.plan.ConfigAction.SetSnapshotVerdict;
import dev.veer.snapshot.SnapshotRecord;
import io.fabric8.kubernetes.api.model.Condition;

/** The ConfigWatch planner's Snapshot decisions: recording, judging by rollout verdicts, rolling back, collecting. */
class ConfigRollbackPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final ConfigConsumer API = new ConfigConsumer(ConsumerKind.ServiceRollout, "api");
    private static final SortedMap<String, byte[]> GOOD = entries("db/host", "db1");
    private static final SortedMap<String, byte[]> BAD = entries("db/host", "nowhere");
    private static final SortedMap<String, byte[]> FIXED = entries("db/host", "db2");
    private static final String GOOD_HASH = hash(GOOD);
    private static final String BAD_HASH = hash(BAD);

    @Test
    void eachNewContentIsRecordedAsASnapshotOfItsRevisionWithTheEtcdRevision() {
        ConfigWatch watch = ConfigWatches.watch("shop", spec());

        ConfigPlan plan = ConfigPlanner.plan(watch, world(7, GOOD).build(), NOW);

        assertThat(plan.actions()).filteredOn(RecordSnapshot.class::isInstance).singleElement()
                .isInstanceOfSatisfying(RecordSnapshot.class, r -> {
                    assertThat(r.revision()).isEqualTo(1);
                    assertThat(r.config().hash()).isEqualTo(GOOD_HASH);
                    assertThat(r.etcdRevision()).isEqualTo(7);
                });
    }

    @Test
    void contentThatComesBackWithItsSnapshotIsItsRecordedRevisionAgain() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec()), 2, hash(FIXED), 8);

        ConfigPlan plan = ConfigPlanner.plan(watch, world(9, GOOD).version(1, GOOD_HASH).version(2, hash(FIXED))
                .snapshot(1, GOOD_HASH, SnapshotVerdict.Promoted, NOW.minusSeconds(600))
                .snapshot(2, hash(FIXED), SnapshotVerdict.Promoted, NOW.minusSeconds(60)).build(), NOW);

        assertThat(plan.status().getRevision()).isEqualTo(1);
        assertThat(plan.actions()).noneMatch(RecordSnapshot.class::isInstance);
    }

    @Test
    void aVersionThatARolloutPromotedIsMarkedPromoted() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec()), 1, GOOD_HASH, 7);

        ConfigPlan plan = ConfigPlanner.plan(watch, world(7, GOOD).version(1, GOOD_HASH).stable(GOOD_HASH)
                .snapshot(1, GOOD_HASH, SnapshotVerdict.Pending, null)
                .rollout(1, 1, SnapshotVerdict.Promoted, "Deployed").build(), NOW);

        assertThat(plan.actions()).containsExactly(new SetSnapshotVerdict("shop-" + GOOD_HASH,
                SnapshotVerdict.Promoted, ConfigVerdicts.ROLLOUT_PROMOTED,
                "revision 1 of ServiceRollout api became stable with it"));
    }

    @Test
    void aRevisionThatFailedInARolloutIsMarkedFailedAndTheLastGoodOneIsServedAgain() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec()), 2, BAD_HASH, 8);

        ConfigPlan plan = ConfigPlanner.plan(watch, rolledOutBadly().build(), NOW);

        assertThat(plan.actions()).containsExactly(
                new SetSnapshotVerdict("shop-" + BAD_HASH, SnapshotVerdict.Failed, ConfigVerdicts.ROLLOUT_FAILED,
                        "revision 2 of ServiceRollout api failed with it (ProgressDeadlineExceeded)"),
                new RestoreStable("shop-config-" + GOOD_HASH, GOOD_HASH));
        assertThat(plan.status().getRevision()).isEqualTo(1);
        assertThat(plan.status().getContentHash()).isEqualTo(GOOD_HASH);
        assertThat(plan.status().getVersionedName()).isEqualTo("shop-config-" + GOOD_HASH);
        assertThat(plan.status().getKeyCount()).isEqualTo(1);
        Condition degraded = condition(plan, ConfigConditions.DEGRADED);
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo(ConfigConditions.CONFIG_ROLLED_BACK);
        assertThat(degraded.getMessage()).contains("revision 2 (" + BAD_HASH + ") failed in ServiceRollout api "
                + "(its revision 2: ProgressDeadlineExceeded)").contains("serving revision 1");
        assertThat(condition(plan, ConfigConditions.READY).getReason()).isEqualTo(ConfigConditions.CONFIG_ROLLED_BACK);
        assertThat(plan.events()).extracting(ConfigEvent::reason).containsExactly(ConfigConditions.CONFIG_ROLLED_BACK);
    }

    @Test
    void aFailedContentStaysRolledBackUntilEtcdHoldsAnotherOne() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec()), 1, GOOD_HASH, 8);

        ConfigPlan same = ConfigPlanner.plan(watch, rolledOutBadly().stable(GOOD_HASH)
                .snapshot(2, BAD_HASH, SnapshotVerdict.Failed, NOW.minusSeconds(5)).build(), NOW);

        assertThat(same.actions()).isEmpty();
        assertThat(same.status().getRevision()).isEqualTo(1);
        assertThat(condition(same, ConfigConditions.DEGRADED).getReason())
                .isEqualTo(ConfigConditions.CONFIG_ROLLED_BACK);

        watch.setStatus(same.status());
        ConfigPlan changed = ConfigPlanner.plan(watch, rolledOutBadly().etcd(9, FIXED).stable(GOOD_HASH)
                .snapshot(2, BAD_HASH, SnapshotVerdict.Failed, NOW.minusSeconds(5)).build(), NOW.plusSeconds(5));

        assertThat(changed.status().getRevision()).as("after the failed revision 2").isEqualTo(3);
        assertThat(changed.status().getContentHash()).isEqualTo(hash(FIXED));
        assertThat(changed.actions()).hasExactlyElementsOfTypes(ApplyStable.class, ApplyVersioned.class,
                RecordSnapshot.class);
        assertThat(condition(changed, ConfigConditions.DEGRADED).getStatus()).isEqualTo("False");
        assertThat(condition(changed, ConfigConditions.READY).getReason()).isEqualTo(ConfigConditions.SYNCED);
    }

    @Test
    void theLastGoodVersionIsTheOnePromotedMostRecentlyNotTheHighestRevision() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec()), 3, BAD_HASH, 9);

        ConfigPlan plan = ConfigPlanner.plan(watch, world(9, BAD).version(1, GOOD_HASH).version(2, hash(FIXED))
                .version(3, BAD_HASH).stable(BAD_HASH)
                .snapshot(1, GOOD_HASH, SnapshotVerdict.Promoted, NOW.minusSeconds(10))
                .snapshot(2, hash(FIXED), SnapshotVerdict.Promoted, NOW.minusSeconds(100))
                .snapshot(3, BAD_HASH, SnapshotVerdict.Failed, NOW.minusSeconds(1)).build(), NOW);

        assertThat(plan.status().getRevision()).isEqualTo(1);
        assertThat(plan.actions()).containsExactly(new RestoreStable("shop-config-" + GOOD_HASH, GOOD_HASH));
    }

    @Test
    void withoutAPromotedVersionAFailedOneStaysAndIsReported() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec()), 1, BAD_HASH, 7);

        ConfigPlan plan = ConfigPlanner.plan(watch, world(7, BAD).version(1, BAD_HASH).stable(BAD_HASH)
                .snapshot(1, BAD_HASH, SnapshotVerdict.Pending, null)
                .rollout(1, 1, SnapshotVerdict.Failed, "ProgressDeadlineExceeded").build(), NOW);

        assertThat(plan.actions()).hasExactlyElementsOfTypes(SetSnapshotVerdict.class);
        assertThat(plan.status().getRevision()).isEqualTo(1);
        assertThat(condition(plan, ConfigConditions.DEGRADED).getReason()).isEqualTo(ConfigConditions.CONFIG_FAILED);
        assertThat(condition(plan, ConfigConditions.DEGRADED).getMessage()).contains("no other version was promoted");
    }

    @Test
    void snapshotsBeyondTheLimitGoButNeverTheServedTheLastGoodOrOneARunningSlotUses() {
        ConfigWatch watch = serving(ConfigWatches.watch("shop", spec().replace("historyLimit: 3",
                "historyLimit: 1")), 5, hash(entries("v", "5")), 20);
        World world = world(20, entries("v", "5")).stable(hash(entries("v", "5")))
                .consumer(ConsumerObservation.rollout(API, Set.of("shop-config-" + hash(entries("v", "2"))), true));
        for (int v = 1; v <= 5; v++) {
            String h = hash(entries("v", String.valueOf(v)));
            world.version(v, h).snapshot(v, h, v == 3 ? SnapshotVerdict.Promoted : SnapshotVerdict.Pending,
                    NOW.minusSeconds(100 - v));
        }

        ConfigPlan plan = ConfigPlanner.plan(watch, world.build(), NOW);

        assertThat(plan.actions()).filteredOn(DeleteSnapshot.class::isInstance).containsExactlyInAnyOrder(
                new DeleteSnapshot("shop-" + hash(entries("v", "1"))),
                new DeleteSnapshot("shop-" + hash(entries("v", "4"))));
    }

    @Test
    void aServiceRolloutConsumerIsNeverRolledAndOneWhoseConfigFromDoesNotNameTheWatchIsReported() {
        ConfigWatch watch = ConfigWatches.watch("shop", spec().replace("consumers: []",
                "consumers: [{kind: ServiceRollout, name: api}]"));

        ConfigPlan plan = ConfigPlanner.plan(watch, world(7, GOOD)
                .consumer(ConsumerObservation.rollout(API, Set.of(), false)).build(), NOW);

        assertThat(plan.actions()).noneMatch(RollConsumer.class::isInstance);
        Condition degraded = condition(plan, ConfigConditions.DEGRADED);
        assertThat(degraded.getReason()).isEqualTo(ConfigConditions.CONFIG_FROM_MISSING);
        assertThat(degraded.getMessage()).contains("ServiceRollout api").contains("spec.configFrom");

        ConfigPlan wired = ConfigPlanner.plan(watch, world(7, GOOD)
                .consumer(ConsumerObservation.rollout(API, Set.of(), true)).build(), NOW);
        assertThat(wired.actions()).noneMatch(RollConsumer.class::isInstance);
        assertThat(condition(wired, ConfigConditions.DEGRADED).getStatus()).isEqualTo("False");
    }

    /** etcd at revision 8 holds BAD, served as revision 2; revision 1 (GOOD) was promoted by api, revision 2 failed. */
    private static World rolledOutBadly() {
        return world(8, BAD).version(1, GOOD_HASH).version(2, BAD_HASH).stable(BAD_HASH)
                .snapshot(1, GOOD_HASH, SnapshotVerdict.Promoted, NOW.minusSeconds(600))
                .snapshot(2, BAD_HASH, SnapshotVerdict.Pending, null)
                .rollout(1, 1, SnapshotVerdict.Promoted, "Deployed")
                .rollout(2, 2, SnapshotVerdict.Failed, "ProgressDeadlineExceeded");
    }

    private static String spec() {
        return ConfigWatches.keysSpec().replace("consumers: [{kind: Deployment, name: shop}]", "consumers: []")
                .replace("debounceSeconds: 2", "debounceSeconds: 0");
    }

    private static String hash(SortedMap<String, byte[]> entries) {
        return ConfigRenderer.render(entries, ConfigFormat.keys, null).hash();
    }

    /** The watch with a status that serves {@code revision} of content {@code hash}, read at {@code etcdRevision}. */
    private static ConfigWatch serving(ConfigWatch watch, int revision, String hash, long etcdRevision) {
        var status = new dev.veer.api.ConfigWatchStatus();
        status.setObservedGeneration(watch.getMetadata().getGeneration());
        status.setRevision(revision);
        status.setContentHash(hash);
        status.setVersionedName("shop-config-" + hash);
        status.setEtcdRevision(etcdRevision);
        status.setKeyCount(1);
        watch.setStatus(status);
        return watch;
    }

    private static World world(long etcdRevision, SortedMap<String, byte[]> entries) {
        return new World().etcd(etcdRevision, entries);
    }

    private static Condition condition(ConfigPlan plan, String type) {
        return Conditions.find(plan.status().getConditions(), type).orElseThrow();
    }

    /** What a pass observes, built up step by step. */
    private static final class World {
        private PrefixView view;
        private final List<VersionedObject> versions = new ArrayList<>();
        private Optional<String> stable = Optional.empty();
        private final List<ConsumerObservation> consumers = new ArrayList<>();
        private final List<ConfigSnapshot> snapshots = new ArrayList<>();
        private final List<RolloutVerdict> verdicts = new ArrayList<>();

        World etcd(long revision, SortedMap<String, byte[]> entries) {
            view = new PrefixView(new SourceStatus(SourceStatus.Phase.LIVE, SourceStatus.WATCHING, "watching", NOW),
                    true, revision, entries, List.of());
            return this;
        }

        World version(int revision, String hash) {
            versions.add(new VersionedObject("shop-config-" + hash, hash, revision));
            return this;
        }

        World stable(String hash) {
            stable = Optional.of(hash);
            return this;
        }

        World consumer(ConsumerObservation consumer) {
            consumers.add(consumer);
            return this;
        }

        World snapshot(int revision, String hash, SnapshotVerdict verdict, Instant verdictTime) {
            snapshots.removeIf(s -> s.record().revision() == revision);
            snapshots.add(new ConfigSnapshot(new SnapshotRecord("shop-" + hash, revision, hash, verdict),
                    Optional.ofNullable(verdictTime), Optional.of(1)));
            return this;
        }

        World rollout(int rolloutRevision, int configRevision, SnapshotVerdict verdict, String reason) {
            verdicts.add(new RolloutVerdict("api", rolloutRevision, configRevision, verdict, reason));
            return this;
        }

        Observed build() {
            return new Observed(Optional.of(view), Optional.empty(), versions, stable, consumers,
                    new ConfigHistory(snapshots, verdicts));
        }
    }
}
