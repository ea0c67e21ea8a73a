package dev.veer.common;

import java.util.Map;

/** Label and annotation keys Veer puts on the objects it manages or reads from the objects users give it. */
public final class Labels {
    public static final String PREFIX = "veer.dev/";
    /** The ServiceRollout an object belongs to. */
    public static final String ROLLOUT = PREFIX + "rollout";
    /** The slot (blue or green) a Deployment, its pods and its slot Service belong to. */
    public static final String SLOT = PREFIX + "slot";
    /** The owner of a Snapshot. */
    public static final String OWNER = PREFIX + "owner";
    /** Hash of the pod template a slot runs (annotation on the Deployment and its pod template). */
    public static final String TEMPLATE_HASH = PREFIX + "template-hash";
    /** A user's command to a rollout: promote, promote-full, abort or retry (annotation, cleared once done). */
    public static final String ACTION = PREFIX + "action";
    /**
     * Why an {@code abort} action was given, when not by a user: {@code AlertFiring} (set with the action by the
     * Alertmanager receiver, cleared with it). Any other value is ignored.
     */
    public static final String ACTION_REASON = PREFIX + "action-reason";
    /** The account of {@link #ACTION_REASON}, for example the alert's name and summary. */
    public static final String ACTION_MESSAGE = PREFIX + "action-message";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "veer";

    private Labels() {
    }

    /** Labels of everything that belongs to a rollout. */
    public static Map<String, String> rollout(String rolloutName) {
        return Map.of(ROLLOUT, rolloutName, MANAGED_BY, MANAGER);
    }
}
