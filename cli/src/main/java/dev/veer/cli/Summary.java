package dev.veer.cli;

/** One line about where a rollout stands: phase, stage, step, weight, revisions, message. */
final class Summary {

    private Summary() {
    }

    static String of(Fields r) {
        StringBuilder line = new StringBuilder(r.text("status.phase", "Unknown"));
        line.append(", stage ").append(r.text("status.stage", "-"));
        r.number("status.currentStepIndex").filter(i -> !r.object("spec.strategy.canary").isEmpty())
                .ifPresent(i -> line.append(", step ").append(Math.min(i + 1, r.list("spec.strategy.canary.steps").size()))
                        .append(" of ").append(r.list("spec.strategy.canary.steps").size()));
        r.number("status.canaryWeight").ifPresent(w -> line.append(", weight ").append(w).append('%'));
        line.append(", stable revision ").append(r.text("status.stableRevision", "-"));
        r.text("status.canaryRevision").ifPresent(c -> line.append(", new revision ").append(c));
        r.text("status.message").ifPresent(m -> line.append(": ").append(m));
        return line.toString();
    }
}
