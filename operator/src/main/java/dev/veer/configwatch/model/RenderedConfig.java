package dev.veer.configwatch.model;

import java.util.List;
import java.util.SortedMap;

/**
 * The content of a target object: its data keys and their bytes, the hash that names the version, the number of etcd
 * keys it holds, and the etcd keys that could not be put in it (named for people, never with their values).
 */
public record RenderedConfig(SortedMap<String, byte[]> data, String hash, int keyCount, List<String> skippedKeys,
        long size) {

    public RenderedConfig {
        data = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(data));
        skippedKeys = List.copyOf(skippedKeys);
    }

    /** The same content under another name (a name recorded before, see {@link VersionNames#legacy}). */
    public RenderedConfig withHash(String recordedHash) {
        return new RenderedConfig(data, recordedHash, keyCount, skippedKeys, size);
    }
}
