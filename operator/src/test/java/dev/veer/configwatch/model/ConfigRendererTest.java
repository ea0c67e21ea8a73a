package dev.veer.configwatch.model;

import static dev.veer.configwatch.ConfigWatches.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.veer.api.ConfigFormat;
import dev.veer.api.ConfigWatch;
import dev.veer.configwatch.ConfigWatches;
import dev.veer.testing.Golden;

class ConfigRendererTest {

    /** Values that trip up careless writers of properties, JSON and YAML. */
    private static final SortedMap<String, byte[]> TRICKY = entries(
            "db/host", "db.internal",
            "db/port", "5432",
            "feature/enabled", "true",
            "feature/ratio", "0.25",
            "empty", "",
            "nothing", "null",
            "motd", "Hello: world # not a comment\nsecond line\ttabbed",
            "path", "C:\\temp\\x",
            " leading space key", "  leading spaces",
            "key=with:separators", "=starts with equals",
            "#hash", "!bang",
            "unicode/größe", "日本語");

    private static final Golden GOLDEN = Golden.of("configwatch");

    @Test
    void keysFormatPutsEachKeyInItsOwnDataKey() {
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec());
        RenderedConfig config = ConfigRenderer.render(TRICKY, ConfigFormat.keys, null);

        assertThat(config.keyCount()).isEqualTo(TRICKY.size());
        assertThat(config.skippedKeys()).isEmpty();
        GOLDEN.assertMatches("keys-versioned-configmap.yaml", ConfigObjects.versioned(watch, config, 3, 41));
        GOLDEN.assertMatches("keys-stable-configmap.yaml", ConfigObjects.stable(watch, config, 41));
    }

    @Test
    void propertiesFileReadsBackAsTheSameKeysAndValues() throws IOException {
        RenderedConfig config = ConfigRenderer.render(TRICKY, ConfigFormat.properties, "application.properties");

        String file = text(config, "application.properties");
        Properties read = new Properties();
        read.load(new StringReader(file));
        assertThat(asMap(read)).isEqualTo(textOf(TRICKY));
        GOLDEN.assertMatches("properties-stable-configmap.yaml",
                ConfigObjects.stable(watch(ConfigFormat.properties, "application.properties"), config, 41));
    }

    @Test
    void jsonFileReadsBackAsTheSameKeysAndValues() throws IOException {
        RenderedConfig config = ConfigRenderer.render(TRICKY, ConfigFormat.json, "config.json");

        Map<String, String> read = JsonMapper.builder().build().readValue(text(config, "config.json"),
                new TypeReference<Map<String, String>>() {
                });
        assertThat(read).isEqualTo(textOf(TRICKY));
        GOLDEN.assertMatches("json-stable-configmap.yaml",
                ConfigObjects.stable(watch(ConfigFormat.json, "config.json"), config, 41));
    }

    @Test
    void yamlFileReadsBackAsTheSameStringsEvenWhenTheyLookLikeNumbersOrBooleans() throws IOException {
        RenderedConfig config = ConfigRenderer.render(TRICKY, ConfigFormat.yaml, "application.yaml");

        Map<String, Object> read = new YAMLMapper().readValue(text(config, "application.yaml"),
                new TypeReference<Map<String, Object>>() {
                });
        assertThat(read).isEqualTo(Map.copyOf(textOf(TRICKY)));
        GOLDEN.assertMatches("yaml-stable-configmap.yaml",
                ConfigObjects.stable(watch(ConfigFormat.yaml, "application.yaml"), config, 41));
    }

    @Test
    void secretTargetHoldsTheSameContentBase64Encoded() {
        ConfigWatch watch = ConfigWatches.watch("vault", ConfigWatches.keysSpec().replace("kind: ConfigMap",
                "kind: Secret"));
        RenderedConfig config = ConfigRenderer.render(entries("db/password", "s3cret", "db/user", "shop"),
                ConfigFormat.keys, null);

        GOLDEN.assertMatches("keys-versioned-secret.yaml", ConfigObjects.versioned(watch, config, 1, 7));
    }

    @Test
    void bytesThatAreNotUtf8GoToBinaryDataOfAConfigMap() {
        SortedMap<String, byte[]> entries = entries("text", "plain");
        entries.put("blob", new byte[] { (byte) 0xff, 0, 1 });
        ConfigWatch watch = ConfigWatches.watch("shop", ConfigWatches.keysSpec());

        var configMap = (io.fabric8.kubernetes.api.model.ConfigMap) ConfigObjects.stable(watch,
                ConfigRenderer.render(entries, ConfigFormat.keys, null), 1);

        assertThat(configMap.getData()).containsOnlyKeys("text");
        assertThat(configMap.getBinaryData()).containsEntry("blob", "/wAB");
    }

    @Test
    void hashDependsOnContentOnlyNotOnTheOrderKeysArrived() {
        SortedMap<String, byte[]> forward = new TreeMap<>();
        SortedMap<String, byte[]> backward = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (String key : new String[] { "a", "b/c", "d" }) {
            forward.put(key, key.getBytes(StandardCharsets.UTF_8));
            backward.put(key, key.getBytes(StandardCharsets.UTF_8));
        }

        String hash = ConfigRenderer.render(forward, ConfigFormat.keys, null).hash();

        assertThat(ConfigRenderer.render(new TreeMap<>(backward), ConfigFormat.keys, null).hash()).isEqualTo(hash);
        assertThat(hash).matches("[0-9a-f]{10}");
        assertThat(ConfigRenderer.render(entries("a", "a", "b/c", "b/c", "d", "d "), ConfigFormat.keys, null).hash())
                .as("a changed value").isNotEqualTo(hash);
        assertThat(ConfigRenderer.render(entries("x", ""), ConfigFormat.keys, null).hash())
                .as("an empty value is content").isNotEqualTo(ConfigRenderer.render(entries(), ConfigFormat.keys,
                        null).hash());
    }

    @Test
    void oneFileFormatsLeaveOutKeysThatAreNotUtf8AndSayWhich() {
        SortedMap<String, byte[]> entries = entries("ok", "1");
        entries.put("blob", new byte[] { (byte) 0xff });

        RenderedConfig config = ConfigRenderer.render(entries, ConfigFormat.json, "config.json");

        assertThat(config.skippedKeys()).containsExactly("blob");
        assertThat(config.keyCount()).isEqualTo(1);
    }

    private static ConfigWatch watch(ConfigFormat format, String key) {
        return ConfigWatches.watch("shop", ConfigWatches.keysSpec().replace("format: keys",
                "format: " + format + ", key: " + key));
    }

    private static String text(RenderedConfig config, String key) {
        return new String(config.data().get(key), StandardCharsets.UTF_8);
    }

    private static Map<String, String> textOf(SortedMap<String, byte[]> entries) {
        Map<String, String> text = new TreeMap<>();
        entries.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
