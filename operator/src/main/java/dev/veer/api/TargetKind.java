package dev.veer.api;

/** The kind of object a ConfigWatch materialises its configuration into. */
public enum TargetKind {
    ConfigMap,
    Secret
}
