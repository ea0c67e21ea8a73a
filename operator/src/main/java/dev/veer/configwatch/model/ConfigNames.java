package dev.veer.configwatch.model;

import dev.veer.api.ConfigWatch;
import dev.veer.common.Labels;

/** Names, labels and annotations of the objects a ConfigWatch owns or touches. */
public final class ConfigNames {

    /** The ConfigWatch an object belongs to (label on the stable and the versioned objects). */
    public static final String CONFIGWATCH = Labels.PREFIX + "configwatch";
    /** The revision a versioned object holds (label; absent on the stable object). */
    public static final String REVISION = Labels.PREFIX + "config-revision";
    /** The content hash an object holds (annotation). */
    public static final String CONTENT_HASH = Labels.PREFIX + "content-hash";
    /** The etcd revision an object's content was read at (annotation). */
    public static final String ETCD_REVISION = Labels.PREFIX + "etcd-revision";
    /** The number of etcd keys of a version (annotation on a ConfigWatch's Snapshot). */
    public static final String KEY_COUNT = Labels.PREFIX + "key-count";
    /** Prefix of the pod-template annotation that rolls a consumer: the ConfigWatch's name follows. */
    public static final String CONSUMER_HASH_PREFIX = Labels.PREFIX + "config-hash-";

    private ConfigNames() {
    }

    /** The immutable object holding the content with this hash: {@code <target>-<hash>}. */
    public static String versioned(ConfigWatch watch, String hash) {
        return watch.getSpec().getTarget().getName() + "-" + hash;
    }

    public static String stable(ConfigWatch watch) {
        return watch.getSpec().getTarget().getName();
    }

    /** The pod-template annotation of a consumer: {@code veer.dev/config-hash-<ConfigWatch name>}. */
    public static String consumerAnnotation(ConfigWatch watch) {
        return CONSUMER_HASH_PREFIX + watch.getMetadata().getName();
    }
}
