package dev.veer.cli;

import java.util.Optional;
import java.util.Set;

/**
 * Which of Veer's {@code veer.dev/action} commands applies in which stage of a rollout (see RolloutStage in the
 * operator). Veer keeps a command that does not apply yet until it does, so the plugin refuses one that cannot apply
 * now rather than leave it pending for a later, unexpected moment.
 */
enum ActionRules {
    PROMOTE("promote", Set.of("Canary", "Preview"), "while a new version is rolled out"),
    PROMOTE_FULL("promote-full", Set.of("Canary", "Preview"), "while a new version is rolled out"),
    ABORT("abort", Set.of("Canary", "Preview", "Promoting"), "while a new version is rolled out or promoted"),
    RETRY("retry", Set.of("Aborted"), "once a rollout was aborted");

    static final String ANNOTATION = "veer.dev/action";

    private final String value;
    private final Set<String> stages;
    private final String when;

    ActionRules(String value, Set<String> stages, String when) {
        this.value = value;
        this.stages = stages;
        this.when = when;
    }

    String value() {
        return value;
    }

    /** Why the command cannot be given to this rollout now; empty when it can. */
    Optional<String> refusal(Fields rollout) {
        String name = rollout.text("metadata.name", "?");
        Optional<String> pending = Optional.ofNullable(annotations(rollout).get(ANNOTATION)).filter(s -> !s.isBlank());
        if (pending.isPresent()) {
            return Optional.of("rollout " + name + " already has a pending command " + ANNOTATION + "="
                    + pending.get() + " that Veer has not taken yet");
        }
        Optional<String> stage = rollout.text("status.stage");
        if (stage.isEmpty()) {
            return Optional.of("rollout " + name + " has no status yet: is Veer running?");
        }
        if (!stages.contains(stage.get())) {
            return Optional.of("cannot " + value + " rollout " + name + ": it is " + rollout.text("status.phase", "?")
                    + " (stage " + stage.get() + "); " + value + " applies only " + when + " (stage "
                    + String.join(" or ", stages.stream().sorted().toList()) + ")");
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static java.util.Map<String, String> annotations(Fields object) {
        return object.value("metadata.annotations").filter(java.util.Map.class::isInstance)
                .map(m -> (java.util.Map<String, String>) m).orElse(java.util.Map.of());
    }
}
