package dev.veer.configwatch.model;

import static dev.veer.configwatch.ConfigWatches.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigFormat;
import dev.veer.api.ConfigWatch;
import dev.veer.api.Snapshot;
import dev.veer.common.Labels;
import dev.veer.configwatch.ConfigWatches;
import dev.veer.snapshot.SnapshotFactory;

/** What a ConfigWatch's Snapshot records: the data of a ConfigMap target, only the keys of a Secret target. */
class ConfigSnapshotContentTest {

    @Test
    void aConfigMapTargetsSnapshotHoldsItsDataWithBinaryValuesInBase64() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec());
        SortedMap<String, byte[]> entries = new TreeMap<>(entries("db/host", "db1"));
        entries.put("blob", new byte[] { (byte) 0xff, 0x00 });

        var data = ConfigObjects.snapshotData(watch, ConfigRenderer.render(entries, ConfigFormat.keys, null));

        assertThat(data).isEqualTo(Map.of("db__host", "db1", "blob", "/wA="));
    }

    @Test
    void aSecretTargetsSnapshotHoldsTheKeysAndNeverTheValues() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec().replace("kind: ConfigMap",
                "kind: Secret"));
        var config = ConfigRenderer.render(entries("db/password", "s3cret", "db/user", "shop"), ConfigFormat.keys,
                null);

        Snapshot snapshot = SnapshotFactory.ofConfig(watch, 4, config.hash(), ConfigObjects.snapshotData(watch,
                config), 12, Instant.parse("2026-01-01T10:00:00Z"));

        assertThat(snapshot.getSpec().getData()).isEqualTo(Map.of("db__password", "", "db__user", ""));
        assertThat(snapshot.toString()).doesNotContain("s3cret");
        assertThat(snapshot.getMetadata().getName()).isEqualTo("shop-" + config.hash());
        assertThat(snapshot.getMetadata().getLabels()).containsEntry(Labels.OWNER, "shop")
                .containsEntry(SnapshotFactory.OWNER_KIND_LABEL, "ConfigWatch");
        assertThat(snapshot.getSpec().getOwnerKind()).isEqualTo("ConfigWatch");
        assertThat(snapshot.getSpec().getRevision()).isEqualTo(4);
        assertThat(snapshot.getSpec().getSource()).isEqualTo("etcd:/apps/shop/@12");
        assertThat(snapshot.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("ConfigWatch"));
    }
}
