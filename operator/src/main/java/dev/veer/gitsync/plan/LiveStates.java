package dev.veer.gitsync.plan;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the live objects (as read before this pass's dry-run) say about health and about rollbacks. Pure.
 */
public final class LiveStates {

    /** A rollout abort a user asked for is not an automatic rollback. */
    private static final String ABORTED_BY_USER = "AbortedByUser";

    private LiveStates() {
    }

    /** Keys of the ServiceRollouts that were rolled back automatically (aborted by analysis or deadline). */
    public static Set<String> autoRolledBack(List<Manifest> manifests, Map<String, DryRunAnswer> answers) {
        Set<String> keys = new LinkedHashSet<>();
        for (Manifest m : manifests) {
            if (!"veer.dev".equals(m.id().group()) || !"ServiceRollout".equals(m.id().getKind())) {
                continue;
            }
            ObjectNode live = answers.get(m.key()) instanceof DryRunAnswer.Valid valid ? valid.live() : null;
            if (live == null) {
                continue;
            }
            JsonNode status = live.path("status");
            if (status.hasNonNull("abortedAt") && !ABORTED_BY_USER.equals(status.path("abortReason").asText())) {
                keys.add(m.key());
            }
        }
        return keys;
    }

    /**
     * The objects that are not healthy, by key, with why: a Deployment not available with all its replicas updated,
     * a ServiceRollout not Healthy, anything with a Ready condition that is not True. An object not created yet is
     * not healthy.
     */
    public static Map<String, String> unhealthy(List<Manifest> manifests, Map<String, DryRunAnswer> answers) {
        Map<String, String> unhealthy = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            ObjectNode live = answers.get(m.key()) instanceof DryRunAnswer.Valid valid ? valid.live() : null;
            if (live == null) {
                unhealthy.put(m.id().toString(), "not created yet");
                continue;
            }
            String why = why(m, live);
            if (why != null) {
                unhealthy.put(m.id().toString(), why);
            }
        }
        return unhealthy;
    }

    private static String why(Manifest m, ObjectNode live) {
        JsonNode status = live.path("status");
        if ("apps".equals(m.id().group()) && "Deployment".equals(m.id().getKind())) {
            int wanted = live.path("spec").path("replicas").asInt(1);
            long generation = live.path("metadata").path("generation").asLong(0);
            if (status.path("observedGeneration").asLong(0) < generation) {
                return "the Deployment controller has not seen generation " + generation + " yet";
            }
            int updated = status.path("updatedReplicas").asInt(0);
            int available = status.path("availableReplicas").asInt(0);
            if (updated < wanted || available < wanted) {
                return available + " of " + wanted + " replicas available, " + updated + " updated";
            }
            return null;
        }
        if ("veer.dev".equals(m.id().group()) && "ServiceRollout".equals(m.id().getKind())) {
            String phase = status.path("phase").asText("");
            return "Healthy".equals(phase) ? null : "phase " + (phase.isEmpty() ? "not set" : phase);
        }
        for (JsonNode condition : status.path("conditions")) {
            if ("Ready".equals(condition.path("type").asText()) && !"True".equals(condition.path("status").asText())) {
                return "Ready is " + condition.path("status").asText() + ": " + condition.path("message").asText();
            }
        }
        return null;
    }
}
