package dev.veer.rollout.traffic;

/**
 * A router cannot do what it was asked because an object it routes through is missing or unusable: the user's
 * HTTPRoute, Ingress or VirtualService does not exist, has no rule to manage, or names a route it does not have. The
 * message says which object and why, for the rollout's status.
 */
public class TrafficRoutingException extends RuntimeException {

    public TrafficRoutingException(String message) {
        super(message);
    }
}
