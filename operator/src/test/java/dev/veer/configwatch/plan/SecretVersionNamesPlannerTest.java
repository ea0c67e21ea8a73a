package dev.veer.configwatch.plan;

import static dev.veer.configwatch.ConfigWatches.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
import dev.veer.common.InstallationKey;
import dev.veer.configwatch.ConfigWatches;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.SourceStatus;
import dev.veer.configwatch.model.ConfigRenderer;
import dev.veer.configwatch.model.VersionNames;
import dev.veer.configwatch.plan.ConfigAction.RollConsumer;
import dev.veer.snapshot.SnapshotRecord;

/**
 * A Secret target's versions are named by keyed hashes; a content recorded under its plain hash before the upgrade
 * keeps that name.
 */
class SecretVersionNamesPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final ConfigConsumer SHOP = new ConfigConsumer(ConsumerKind.Deployment, "shop");
    private static final SortedMap<String, byte[]> CREDS = entries("db/password", "1234");
    private static final VersionNames KEYED = VersionNames.keyed(InstallationKey.generate());

    @Test
    void aFirstSecretVersionIsNamedByItsKeyedHashEverywhereItIsPublished() {
        ConfigPlan plan = ConfigPlanner.plan(secretWatch(), observed(CREDS, List.of(), Optional.empty(),
                Optional.empty(), ConfigHistory.empty()), NOW);

        String keyed = KEYED.hash(rendered(CREDS));
        assertThat(plan.status().getContentHash()).isEqualTo(keyed).isNotEqualTo(plain(CREDS));
        assertThat(plan.status().getVersionedName()).isEqualTo("shop-creds-" + keyed);
        assertThat(plan.actions()).filteredOn(RollConsumer.class::isInstance)
                .containsExactly(new RollConsumer(SHOP, keyed));
        assertThat(plan.actions()).filteredOn(ConfigAction.RecordSnapshot.class::isInstance).singleElement()
                .satisfies(a -> assertThat(((ConfigAction.RecordSnapshot) a).config().hash()).isEqualTo(keyed));
    }

    @Test
    void aContentRecordedUnderItsPlainHashBeforeTheUpgradeKeepsItsNameAndNothingIsRolled() {
        ConfigWatch watch = upgradedFrom(CREDS);
        String plain = plain(CREDS);

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(CREDS,
                List.of(new VersionedObject("shop-creds-" + plain, plain, 1)), Optional.of(plain),
                Optional.of(plain), recorded(1, plain)), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getContentHash()).isEqualTo(plain);
        assertThat(plan.status().getRevision()).isEqualTo(1);
    }

    @Test
    void aPlainNameRecordedOnlyInASnapshotIsFoundAgainWhenThatContentComesBack() {
        ConfigWatch watch = upgradedFrom(entries("db/password", "5678"));
        watch.getStatus().setContentHash(KEYED.hash(rendered(entries("db/password", "5678"))));
        watch.getStatus().setRevision(2);
        String plain = plain(CREDS);

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(CREDS, List.of(), Optional.empty(), Optional.empty(),
                recorded(1, plain)), NOW);

        assertThat(plan.status().getContentHash()).isEqualTo(plain);
        assertThat(plan.status().getRevision()).as("its recorded revision").isEqualTo(1);
    }

    @Test
    void aNewContentAfterTheUpgradeGetsAKeyedNameAndTheNextRevision() {
        ConfigWatch watch = upgradedFrom(CREDS);
        String plain = plain(CREDS);
        SortedMap<String, byte[]> rotated = entries("db/password", "9876");

        ConfigPlan plan = ConfigPlanner.plan(watch, observed(rotated,
                List.of(new VersionedObject("shop-creds-" + plain, plain, 1)), Optional.of(plain),
                Optional.of(plain), recorded(1, plain)), NOW);

        String keyed = KEYED.hash(rendered(rotated));
        assertThat(plan.status().getRevision()).isEqualTo(2);
        assertThat(plan.status().getContentHash()).isEqualTo(keyed).isNotEqualTo(plain(rotated));
        assertThat(plan.actions()).filteredOn(RollConsumer.class::isInstance)
                .containsExactly(new RollConsumer(SHOP, keyed));
    }

    private static ConfigWatch secretWatch() {
        return ConfigWatches.watch("shop", ConfigWatches.keysSpec()
                .replace("target: {kind: ConfigMap, name: shop-config", "target: {kind: Secret, name: shop-creds"));
    }

    /** The watch with the status a pass of the operator before keyed names left (plain names). */
    private static ConfigWatch upgradedFrom(SortedMap<String, byte[]> entries) {
        ConfigWatch watch = secretWatch();
        ConfigPlan before = ConfigPlanner.plan(watch, new Observed(Optional.of(live(entries)), Optional.empty(),
                List.of(), Optional.empty(), List.of(new ConsumerObservation(SHOP, true, Optional.empty(), Set.of())),
                ConfigHistory.empty(), VersionNames.plain()), NOW.minusSeconds(60));
        watch.setStatus(before.status());
        return watch;
    }

    private static Observed observed(SortedMap<String, byte[]> entries, List<VersionedObject> versions,
            Optional<String> stableHash, Optional<String> consumerHash, ConfigHistory history) {
        return new Observed(Optional.of(live(entries)), Optional.empty(), versions, stableHash,
                List.of(new ConsumerObservation(SHOP, true, consumerHash, Set.of())), history, KEYED);
    }

    private static PrefixView live(SortedMap<String, byte[]> entries) {
        return new PrefixView(new SourceStatus(SourceStatus.Phase.LIVE, SourceStatus.WATCHING, "watching", NOW),
                true, 7, entries, List.of());
    }

    private static ConfigHistory recorded(int revision, String hash) {
        return new ConfigHistory(List.of(new ConfigSnapshot(new SnapshotRecord("shop-" + hash, revision, hash,
                SnapshotVerdict.Pending), Optional.empty(), Optional.empty())), List.of());
    }

    private static SortedMap<String, byte[]> rendered(SortedMap<String, byte[]> entries) {
        return ConfigRenderer.render(entries, ConfigFormat.keys, null).data();
    }

    private static String plain(SortedMap<String, byte[]> entries) {
        return VersionNames.plain().hash(rendered(entries));
    }
}
