package dev.veer.api;

/** How a ConfigWatch lays out the keys of its prefix in the target object's data. */
public enum ConfigFormat {
    /** One data key per etcd key. */
    keys,
    /** One Java properties file (UTF-8). */
    properties,
    /** One JSON object of key to value. */
    json,
    /** One YAML mapping of key to value. */
    yaml
}
