package dev.veer.configwatch.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.veer.api.ConfigFormat;

/**
 * Lays out the keys of a prefix (without the prefix, as bytes) in a target object's data, without I/O. The result
 * depends only on the keys and values, never on the order they came in, so its hash names the content
 * ({@link VersionNames}).
 *
 * <ul>
 * <li>{@code keys}: one data key per etcd key, escaped by {@link DataKeys}.</li>
 * <li>{@code properties}: one UTF-8 Java properties file, keys sorted, escaped as {@code java.util.Properties}
 * reads them (a {@code Reader} in UTF-8), no comment line.</li>
 * <li>{@code json}: one JSON object of key to string value, keys sorted.</li>
 * <li>{@code yaml}: one YAML mapping of key to string value, keys sorted.</li>
 * </ul>
 * A key whose data key would be too long, or (for the one-file formats) whose key or value is not UTF-8, is left out
 * and listed in {@link RenderedConfig#skippedKeys()}.
 */
public final class ConfigRenderer {

    /** Kubernetes' data key limit. */
    static final int MAX_DATA_KEY = 253;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ConfigRenderer() {
    }

    /**
     * Renders the entries of a prefix.
     *
     * @param entries etcd keys without the prefix (UTF-8 where possible, see {@link #keyName}) and their values
     * @param fileKey the data key of the single file of the one-file formats; ignored for {@code keys}
     */
    public static RenderedConfig render(SortedMap<String, byte[]> entries, ConfigFormat format, String fileKey) {
        return render(entries, format, fileKey, VersionNames.plain());
    }

    /**
     * Renders the entries of a prefix and names the content with {@code names}.
     *
     * @param names plain content hashes for a ConfigMap, keyed ones for a Secret
     */
    public static RenderedConfig render(SortedMap<String, byte[]> entries, ConfigFormat format, String fileKey,
            VersionNames names) {
        SortedMap<String, byte[]> data = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        if (format == ConfigFormat.keys) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] rawKey = keyBytes(entry.getKey());
                String dataKey = rawKey.length == 0 ? null : DataKeys.encode(rawKey);
                if (dataKey == null || dataKey.length() > MAX_DATA_KEY) {
                    skipped.add(entry.getKey());
                } else {
                    data.put(dataKey, entry.getValue());
                }
            }
        } else {
            SortedMap<String, String> text = new TreeMap<>();
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                String value = utf8(entry.getValue());
                if (value == null || isUndecodable(entry.getKey()) || entry.getKey().isEmpty()) {
                    skipped.add(entry.getKey());
                } else {
                    text.put(entry.getKey(), value);
                }
            }
            data.put(fileKey, file(format, text).getBytes(StandardCharsets.UTF_8));
        }
        int keyCount = entries.size() - skipped.size();
        long size = data.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length).sum();
        return new RenderedConfig(data, names.hash(data), keyCount, skipped, size);
    }

    /**
     * The name of a key as the source hands it to the renderer: its UTF-8 text, or, when its bytes are not UTF-8,
     * their ISO-8859-1 text behind a NUL character (so that it can never equal a UTF-8 key).
     */
    public static String keyName(byte[] key) {
        String text = utf8(key);
        return text != null ? text : "\0" + new String(key, StandardCharsets.ISO_8859_1);
    }

    private static byte[] keyBytes(String keyName) {
        return isUndecodable(keyName) ? keyName.substring(1).getBytes(StandardCharsets.ISO_8859_1)
                : keyName.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isUndecodable(String keyName) {
        return keyName.startsWith("\0");
    }

    private static String file(ConfigFormat format, SortedMap<String, String> entries) {
        try {
            return switch (format) {
                case properties -> properties(entries);
                case json -> JSON.writeValueAsString(entries) + "\n";
                case yaml -> entries.isEmpty() ? "{}\n" : YAML.writeValueAsString(entries);
                case keys -> throw new IllegalArgumentException("keys is not a one-file format");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + format + " file", e);
        }
    }

    private static String properties(SortedMap<String, String> entries) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            escapeProperty(out, entry.getKey(), true);
            out.append('=');
            escapeProperty(out, entry.getValue(), false);
            out.append('\n');
        }
        return out.toString();
    }

    /** Escapes as {@code Properties.store} does, but keeps non-ASCII characters (the file is UTF-8). */
    private static void escapeProperty(StringBuilder out, String text, boolean isKey) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 || isKey ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(isKey || i == 0 ? "\\" + c : String.valueOf(c));
                default -> out.append(c);
            }
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
