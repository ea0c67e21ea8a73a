package dev.veer.rollout.model;

import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;

/** Names of the objects Veer creates for a rollout. */
public final class RolloutNames {

    private RolloutNames() {
    }

    /** Deployment and slot Service of a slot: {@code <rollout>-blue} or {@code <rollout>-green}. */
    public static String slot(ServiceRollout rollout, Slot slot) {
        return rollout.getMetadata().getName() + "-" + slot.label();
    }

    /** The stable Service: blueGreen.activeService, else spec.service.name, else the rollout's name. */
    public static String stableService(ServiceRollout rollout) {
        var strategy = rollout.getSpec().getStrategy();
        if (strategy != null && strategy.getBlueGreen() != null && strategy.getBlueGreen().getActiveService() != null) {
            return strategy.getBlueGreen().getActiveService();
        }
        var service = rollout.getSpec().getService();
        return service != null && service.getName() != null ? service.getName() : rollout.getMetadata().getName();
    }

    /** The canary Ingress Veer creates beside the user's Ingress for the NGINX router. */
    public static String canaryIngress(String stableIngress) {
        return stableIngress + "-veer-canary";
    }
}
