package dev.veer.configwatch;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.veer.api.ConfigWatch;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** ConfigWatches and prefix contents for tests. */
public final class ConfigWatches {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ConfigWatches() {
    }

    /** A ConfigWatch named {@code name} in namespace {@code shop}, uid and generation set, with this spec (YAML). */
    public static ConfigWatch watch(String name, String specYaml) {
        String yaml = """
                apiVersion: veer.dev/v1alpha1
                kind: ConfigWatch
                metadata:
                  name: %s
                  namespace: shop
                  uid: 6f1c2a4e-0000-4000-8000-000000000001
                  generation: 1
                spec:
                %s
                """.formatted(name, specYaml.indent(2).stripTrailing());
        return SERIALIZATION.unmarshal(yaml, ConfigWatch.class);
    }

    /** The spec of a ConfigWatch of prefix /apps/shop/ into ConfigMap {@code shop-config}, as keys. */
    public static String keysSpec() {
        return """
                source:
                  etcd: {endpoints: ["http://127.0.0.1:2379"], prefix: /apps/shop/, dialTimeout: 5s}
                target: {kind: ConfigMap, name: shop-config, format: keys}
                consumers: [{kind: Deployment, name: shop}]
                debounceSeconds: 2
                historyLimit: 3
                suspend: false
                """;
    }

    /** Keys (without the prefix) and values, given as key, value, key, value, ... */
    public static SortedMap<String, byte[]> entries(String... keysAndValues) {
        SortedMap<String, byte[]> entries = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }
}
