package dev.veer.configwatch.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import dev.veer.common.InstallationKey;

/**
 * How a target's versions are named: the hash of its content that goes into the versioned object's name, the status
 * ({@code contentHash}), the Snapshot and the consumers' pod-template annotation. Without I/O.
 *
 * <ul>
 * <li>{@link #plain()}, for ConfigMaps: the first 10 hex digits of the SHA-256 of the content. Anyone can compute it,
 * which is fine for content that is not secret.</li>
 * <li>{@link #keyed}, for Secrets: the first 10 hex digits of the HMAC-SHA256 of the content under the installation's
 * key. A published name says nothing about the content to whoever does not hold the key, so short secrets cannot be
 * guessed offline; two installations name the same content differently.</li>
 * </ul>
 * The content is framed as data key and value, each preceded by its length, in key order.
 *
 * <p><b>Upgrades.</b> Before keyed names, Secret versions were named by the plain hash. {@link #legacy} gives that
 * name: a content already recorded under it (status, versioned object or Snapshot) keeps it, so an upgrade renames
 * nothing and rolls no consumer; a new content gets a keyed name.
 */
public final class VersionNames {

    private static final int LENGTH = 10;
    private static final VersionNames PLAIN = new VersionNames(Optional.empty());

    private final Optional<InstallationKey> key;

    private VersionNames(Optional<InstallationKey> key) {
        this.key = key;
    }

    /** Plain content hashes (ConfigMap targets). */
    public static VersionNames plain() {
        return PLAIN;
    }

    /** Keyed hashes (Secret targets). */
    public static VersionNames keyed(InstallationKey key) {
        return new VersionNames(Optional.of(key));
    }

    /** The name of a new content. */
    public String hash(SortedMap<String, byte[]> data) {
        byte[] framed = framed(data);
        return hex(key.isPresent() ? key.get().hmacSha256(framed) : sha256(framed));
    }

    /** The name this content had before names were keyed: the plain hash, for keyed names only. */
    public Optional<String> legacy(SortedMap<String, byte[]> data) {
        return key.map(k -> hex(sha256(framed(data))));
    }

    public boolean isKeyed() {
        return key.isPresent();
    }

    private static byte[] framed(SortedMap<String, byte[]> data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> entry : data.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
            out.writeBytes(name);
            out.writeBytes(ByteBuffer.allocate(4).putInt(entry.getValue().length).array());
            out.writeBytes(entry.getValue());
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    }

    @Override
    public String toString() {
        return key.isPresent() ? "VersionNames[keyed]" : "VersionNames[plain]";
    }
}
