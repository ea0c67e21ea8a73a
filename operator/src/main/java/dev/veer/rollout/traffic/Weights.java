package dev.veer.rollout.traffic;

/** Canary weights: a percentage of traffic, 0 to 100. */
final class Weights {

    private Weights() {
    }

    /** Returns {@code weight}, or throws {@link IllegalArgumentException} when it is not a percentage. */
    static int require(int weight) {
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("A canary weight is a percentage from 0 to 100, not " + weight);
        }
        return weight;
    }

    /** {@code part} as a rounded percentage of {@code total}; 0 when the total is 0. */
    static int percent(long part, long total) {
        return total <= 0 ? 0 : (int) Math.round(100.0 * part / total);
    }
}
