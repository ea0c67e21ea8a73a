package dev.veer.configwatch.plan;

/** A versioned (immutable, content-named) object of a ConfigWatch, as the cluster has it. */
public record VersionedObject(String name, String hash, int revision) {
}
