package dev.veer.configwatch.plan;

import static dev.veer.configwatch.ConfigWatches.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigConsumer;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ConsumerKind;
import dev.veer.api.SnapshotVerdict;
import dev.veer.common.Conditions;
import dev.veer.configwatch.ConfigWatches;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.SourceStatus;
import dev.veer.configwatch.plan.ConfigAction.ApplyStable;
import dev.veer.configwatch.plan.ConfigAction.ApplyVersioned;
import dev.veer.configwatch.plan.ConfigAction.DeleteVersion;
import dev.veer.configwatch.plan.ConfigAction.RecordSnapshot;
import dev.veer.configwatch.plan.ConfigAction.RollConsumer;
import dev.veer.snapshot.SnapshotRecord;
import io.fabric8.kubernetes.api.model.Condition;

class ConfigPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final ConfigConsumer SHOP = new ConfigConsumer(ConsumerKind.Deployment, "shop");
    private static final SortedMap<String, byte[]> CONFIG = entries("db/host", "db1", "db/port", "5432");

    @Test
    void firstListingBecomesRevisionOneInAVersionedAndTheStableObjectAndRollsTheConsumer() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec());

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(live(7, CONFIG, List.of()), List.of(),
                Optional.empty(), consumer(Optional.empty())), NOW);

        assertThat(plan.status().getRevision()).isEqualTo(1);
        assertThat(plan.status().getEtcdRevision()).isEqualTo(7);
        assertThat(plan.status().getKeyCount()).isEqualTo(2);
        assertThat(plan.status().getVersionedName()).isEqualTo("shop-config-" + plan.status().getContentHash());
        assertThat(plan.actions()).hasExactlyElementsOfTypes(ApplyStable.class, ApplyVersioned.class,
                RecordSnapshot.class, RollConsumer.class);
        assertThat(condition(plan, ConfigConditions.READY)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo(ConfigConditions.SYNCED);
        });
        assertThat(plan.events()).extracting(ConfigEvent::reason).containsExactly("NewVersion", "ConsumerRolled");
    }

    @Test
    void aPassOverTheSameContentWritesNothing() {
        ConfigWatch watch = applied(ConfigWatches.watch("shop", ConfigWatches.keysSpec()), CONFIG, 7);
        String hash = watch.getStatus().getContentHash();

        ConfigPlan plan = ConfigPlanner.plan(watch, new Observed(Optional.of(live(7, CONFIG, List.of())),
                Optional.empty(), List.of(new VersionedObject("shop-config-" + hash, hash, 1)), Optional.of(hash),
                List.of(consumer(Optional.of(hash))), recorded(1, hash)), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(ConfigPlanner.statusChanged(watch, plan)).isFalse();
    }

    @Test
    void aChangeWithinTheDebounceTimeWaitsAndLooksAgainWhenItIsDue() {
        ConfigWatch watch = applied(ConfigWatches.watch("shop", ConfigWatches.keysSpec()), CONFIG, 7);
        PrefixView changed = live(8, entries("db/host", "db2", "db/port", "5432"),
                List.of(new PrefixView.Change(8, NOW.minusMillis(500))));

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(changed, List.of(), Optional.empty(),
                consumer(Optional.empty())), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeueAfter()).contains(Duration.ofMillis(1500));
        assertThat(condition(plan, ConfigConditions.READY).getReason()).isEqualTo(ConfigConditions.CHANGE_PENDING);

        ConfigPlan later = ConfigPlanner.plan(watch, observed(changed, List.of(), Optional.empty(),
                consumer(Optional.empty())), NOW.plusMillis(1500));
        assertThat(later.status().getRevision()).isEqualTo(2);
        assertThat(later.actions()).hasExactlyElementsOfTypes(ApplyStable.class, ApplyVersioned.class,
                RecordSnapshot.class, RollConsumer.class);
    }

    @Test
    void whileEtcdIsUnreachableTheLastGoodConfigurationStays() {
        ConfigWatch watch = applied(ConfigWatches.watch("shop", ConfigWatches.keysSpec()), CONFIG, 7);
        String hash = watch.getStatus().getContentHash();
        PrefixView unreachable = new PrefixView(new SourceStatus(SourceStatus.Phase.UNREACHABLE,
                SourceStatus.UNREACHABLE, "cannot reach etcd", NOW), true, 7, CONFIG, List.of());

        ConfigPlan plan = ConfigPlanner.plan(watch, new Observed(Optional.of(unreachable), Optional.empty(),
                List.of(new VersionedObject("shop-config-" + hash, hash, 1)), Optional.of(hash),
                List.of(consumer(Optional.of(hash))), recorded(1, hash)), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getRevision()).isEqualTo(1);
        assertThat(condition(plan, ConfigConditions.SOURCE_REACHABLE)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo(SourceStatus.UNREACHABLE);
        });
        assertThat(condition(plan, ConfigConditions.READY).getMessage()).contains("revision 1 (etcd revision 7) stays");
        assertThat(condition(plan, ConfigConditions.DEGRADED).getStatus()).isEqualTo("False");
    }

    @Test
    void aDeniedPrefixIsDegradedAndMaterialisesNothing() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec());
        PrefixView denied = new PrefixView(new SourceStatus(SourceStatus.Phase.DENIED,
                SourceStatus.PERMISSION_DENIED, "etcd denied reading", NOW), false, 0, entries(), List.of());

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(denied, List.of(), Optional.empty(),
                consumer(Optional.empty())), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(condition(plan, ConfigConditions.DEGRADED).getReason()).isEqualTo(SourceStatus.PERMISSION_DENIED);
        assertThat(condition(plan, ConfigConditions.READY).getStatus()).isEqualTo("False");
    }

    @Test
    void aNewRevisionDeletesVersionsBeyondTheLimitThatNoConsumerUses() {
        ConfigWatch watch = applied(ConfigWatches.watch("shop", ConfigWatches.keysSpec()
                .replace("historyLimit: 3", "historyLimit: 2")), CONFIG, 7);
        watch.getStatus().setRevision(3);
        List<VersionedObject> old = List.of(new VersionedObject("shop-config-a", "a", 1),
                new VersionedObject("shop-config-b", "b", 2), new VersionedObject("shop-config-c", "c", 3));
        ConsumerObservation stillOnA = new ConsumerObservation(SHOP, true, Optional.of("c"), Set.of(
                "shop-config-a", "shop-config-c"));

        ConfigPlan plan = ConfigPlanner.plan(watch, new Observed(Optional.of(live(9, entries("x", "y"),
                List.of())), Optional.empty(), old, Optional.of("c"), List.of(stillOnA)), NOW.plusSeconds(60));

        assertThat(plan.status().getRevision()).isEqualTo(4);
        assertThat(plan.actions()).filteredOn(DeleteVersion.class::isInstance)
                .containsExactly(new DeleteVersion("shop-config-b"));
    }

    @Test
    void contentThatComesBackIsANewRevisionAndRelabelsItsExistingVersionedObject() {
        ConfigWatch watch = applied(ConfigWatches.watch("shop", ConfigWatches.keysSpec()), CONFIG, 7);
        String first = watch.getStatus().getContentHash();
        watch.setStatus(ConfigPlanner.plan(watch, observed(live(8, entries("db/host", "db2"), List.of()), List.of(),
                Optional.empty(), consumer(Optional.empty())), NOW).status());

        ConfigPlan back = ConfigPlanner.plan(watch, observed(live(9, CONFIG, List.of()),
                List.of(new VersionedObject("shop-config-" + first, first, 1)), Optional.empty(),
                consumer(Optional.empty())), NOW.plusSeconds(60));

        assertThat(back.status().getRevision()).isEqualTo(3);
        assertThat(back.status().getContentHash()).isEqualTo(first);
        assertThat(back.actions()).filteredOn(ApplyVersioned.class::isInstance).first()
                .isInstanceOfSatisfying(ApplyVersioned.class,
                a -> assertThat(a.revision()).isEqualTo(3));
    }

    @Test
    void aOneFileFormatWithoutAKeyIsAnInvalidSpecNotACrash() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec().replace("format: keys",
                "format: yaml"));

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(live(7, CONFIG, List.of()), List.of(),
                Optional.empty(), consumer(Optional.empty())), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(condition(plan, ConfigConditions.DEGRADED).getReason()).isEqualTo(ConfigConditions.INVALID_SPEC);
        assertThat(condition(plan, ConfigConditions.READY).getMessage()).contains("spec.target.key is required");
    }

    @Test
    void aMissingCredentialsSecretIsReportedAndLookedAtAgain() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec());

        ConfigPlan plan = ConfigPlanner.plan(watch, new Observed(Optional.empty(),
                Optional.of("Secret etcd-auth does not exist"), List.of(), Optional.empty(), List.of()), NOW);

        assertThat(condition(plan, ConfigConditions.SOURCE_REACHABLE).getReason())
                .isEqualTo(ConfigConditions.CREDENTIALS_MISSING);
        assertThat(plan.requeueAfter()).contains(ConfigPlanner.RECHECK);
    }

    /** The watch with a status as after a pass that applied {@code entries} at etcd revision {@code revision}. */
    private static ConfigWatch applied(ConfigWatch watch, SortedMap<String, byte[]> entries, long revision) {
        ConfigPlan first = ConfigPlanner.plan(watch, observed(live(revision, entries, List.of()), List.of(),
                Optional.empty(), consumer(Optional.empty())), NOW.minusSeconds(60));
        watch.setStatus(first.status());
        return watch;
    }

    private static PrefixView live(long revision, SortedMap<String, byte[]> entries, List<PrefixView.Change> changes) {
        return new PrefixView(new SourceStatus(SourceStatus.Phase.LIVE, SourceStatus.WATCHING, "watching", NOW),
                true, revision, entries, changes);
    }

    private static Observed observed(PrefixView view, List<VersionedObject> versions, Optional<String> stableHash,
            ConsumerObservation consumer) {
        return new Observed(Optional.of(view), Optional.empty(), versions, stableHash, List.of(consumer));
    }

    /** A history of one snapshot, of this revision and content, not judged yet. */
    private static ConfigHistory recorded(int revision, String hash) {
        return new ConfigHistory(List.of(new ConfigSnapshot(new SnapshotRecord("shop-" + hash, revision, hash,
                SnapshotVerdict.Pending), Optional.empty(), Optional.empty())), List.of());
    }

    private static ConsumerObservation consumer(Optional<String> hash) {
        return new ConsumerObservation(SHOP, true, hash, Set.of());
    }

    private static Condition condition(ConfigPlan plan, String type) {
        return Conditions.find(plan.status().getConditions(), type).orElseThrow();
    }
}
