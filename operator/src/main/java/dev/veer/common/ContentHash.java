package dev.veer.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A short, stable hash of an object's content: the same for equal content whatever the order of map keys and
 * whether empty fields are absent, null or empty, so that a re-applied manifest hashes as before.
 */
public final class ContentHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private ContentHash() {
    }

    /** The first 10 hex digits of the SHA-256 of the canonical JSON form of {@code content}. */
    public static String of(Object content) {
        try {
            JsonNode tree = prune(CANONICAL.valueToTree(content));
            byte[] json = CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash " + content.getClass().getSimpleName(), e);
        }
    }

    /** Drops nulls, empty objects and empty arrays, recursively, and sorts object fields. */
    private static JsonNode prune(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = CANONICAL.createObjectNode();
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = prune(node.get(name));
                if (!isEmpty(child)) {
                    sorted.set(name, child);
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = CANONICAL.createArrayNode();
            node.forEach(child -> array.add(prune(child)));
            return array;
        }
        return node;
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }
}
