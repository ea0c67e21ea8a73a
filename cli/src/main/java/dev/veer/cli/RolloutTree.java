package dev.veer.cli;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code kubectl veer get NAME}: a rollout as a tree, from what the API server holds (no I/O here): the rollout, its
 * slot Deployments, the thresholds of its analyses and its events, at a given instant.
 */
final class RolloutTree {

    static final int EVENTS_SHOWN = 8;

    private final Style style;
    private final StringBuilder out = new StringBuilder();

    private RolloutTree(Style style) {
        this.style = style;
    }

    static String render(Fields rollout, List<Deployment> deployments, Map<String, String> thresholds,
            List<Event> events, Instant now, Style style) {
        RolloutTree tree = new RolloutTree(style);
        tree.header(rollout);
        tree.slots(rollout, deployments);
        tree.analyses(rollout, thresholds, now);
        tree.conditions(rollout);
        tree.events(events, now);
        return tree.out.toString();
    }

    private void header(Fields r) {
        String stage = r.text("status.stage", "-");
        field("Name", r.text("metadata.name", "?"));
        field("Namespace", r.text("metadata.namespace", "?"));
        field("Strategy", strategy(r));
        String phase = r.text("status.phase", "Unknown");
        String reason = readyReason(r);
        field("Phase", style.state(phase) + (reason.isEmpty() ? "" : " (" + reason + ")"));
        r.text("status.message").ifPresent(m -> field("Message", m));
        field("Stage", stage);
        List<Fields> steps = r.list("spec.strategy.canary.steps");
        Optional<Long> index = r.number("status.currentStepIndex");
        if (!r.object("spec.strategy.canary").isEmpty()) {
            String step = index.map(i -> i >= steps.size() ? "done (" + steps.size() + " of " + steps.size() + ")"
                    : (i + 1) + " of " + steps.size() + ": " + describe(steps.get(i.intValue())))
                    .orElse("- of " + steps.size());
            field("Step", step);
        }
        String readBack = r.number("status.canaryWeight").map(w -> w + "%").orElse("-");
        if ("Canary".equals(stage) && index.isPresent()) {
            field("Weight", "set " + weightAt(steps, index.get().intValue()) + "%, read back " + readBack);
        } else {
            field("Weight", "read back " + readBack);
        }
        field("Revisions", "stable " + r.text("status.stableRevision", "-")
                + r.text("status.canaryRevision").map(c -> ", new " + c).orElse(""));
        if (r.flag("spec.paused")) {
            field("Paused", "spec.paused is true: steps are held (resume with 'kubectl veer resume')");
        }
        r.text("spec.rollbackTo.revision").ifPresent(rev -> field("Rollback", "spec.rollbackTo.revision " + rev));
        r.text("status.abortReason").ifPresent(reasonText -> field("Aborted",
                reasonText + r.text("status.abortMessage").map(m -> ": " + m).orElse("")));
        field("Replicas", "desired " + r.text("spec.replicas", "-") + ", ready " + r.text("status.readyReplicas", "0"));
    }

    private void slots(Fields r, List<Deployment> deployments) {
        section("Slots");
        String active = r.text("status.activeSlot", "");
        List<String> lines = new ArrayList<>();
        List<Deployment> sorted = deployments.stream()
                .sorted(java.util.Comparator.comparing(d -> d.getMetadata().getName())).toList();
        for (Deployment d : sorted) {
            String slot = Optional.ofNullable(d.getMetadata().getLabels()).map(l -> l.get(Cluster.SLOT_LABEL))
                    .orElse("?");
            String role = slot.equals(active) ? "stable, revision " + r.text("status.stableRevision", "-")
                    : r.text("status.canaryRevision").map(c -> "new, revision " + c).orElse("idle");
            int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(0);
            int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                    : d.getStatus().getReadyReplicas();
            String images = d.getSpec().getTemplate().getSpec().getContainers().stream()
                    .map(Container::getImage).collect(Collectors.joining(", "));
            lines.add(slot + " (" + role + ")  " + d.getMetadata().getName() + "  " + images + "  ready "
                    + (ready == desired ? style.good(ready + "/" + desired) : ready + "/" + desired));
        }
        if (lines.isEmpty()) {
            lines.add(style.dim("no Deployments yet"));
        }
        children(lines);
    }

    private void analyses(Fields r, Map<String, String> thresholds, Instant now) {
        List<Fields> runs = r.list("status.analysisRuns");
        if (runs.isEmpty()) {
            return;
        }
        section("Analyses");
        for (int i = 0; i < runs.size(); i++) {
            Fields run = runs.get(i);
            boolean lastRun = i == runs.size() - 1;
            out.append(lastRun ? "`-- " : "|-- ").append(run.text("name", "?")).append("  ")
                    .append(style.state(run.text("phase", "Unknown"))).append("  revision ")
                    .append(run.text("revision", "-")).append(", slot ").append(run.text("slot", "-"))
                    .append(run.text("startedAt").map(t -> ", started " + Ages.since(t, now) + " ago").orElse(""))
                    .append('\n');
            String indent = lastRun ? "    " : "|   ";
            List<Fields> metrics = run.list("metrics");
            for (int m = 0; m < metrics.size(); m++) {
                Fields metric = metrics.get(m);
                String name = metric.text("name", "?");
                List<Fields> measurements = metric.list("measurements");
                String last = measurements.isEmpty() ? "no measurement yet"
                        : "last " + measurements.get(measurements.size() - 1).text("value", "-") + " ("
                                + measurements.get(measurements.size() - 1).text("verdict", "?") + ")";
                String threshold = thresholds.getOrDefault(name, "");
                out.append(indent).append(m == metrics.size() - 1 ? "`-- " : "|-- ").append(name).append("  ")
                        .append(style.state(metric.text("phase", "Unknown"))).append("  ").append(last)
                        .append(threshold.isEmpty() ? "" : " vs " + threshold)
                        .append("  successful ").append(metric.text("successful", "0"))
                        .append(", failed ").append(metric.text("failed", "0"))
                        .append(", inconclusive ").append(metric.text("inconclusive", "0"))
                        .append(", errors ").append(metric.text("errors", "0"))
                        .append(metric.flag("dryRun") ? "  (dry run)" : "").append('\n');
            }
        }
    }

    private void conditions(Fields r) {
        List<Fields.Condition> conditions = r.conditions();
        if (conditions.isEmpty()) {
            return;
        }
        section("Conditions");
        children(conditions.stream().map(c -> c.type() + "  " + style.state(c.status())
                + (c.reason().isEmpty() ? "" : "  " + c.reason()) + (c.message().isEmpty() ? "" : "  " + c.message()))
                .toList());
    }

    private void events(List<Event> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        section("Events");
        List<Event> recent = events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size());
        children(recent.stream().map(e -> Ages.since(Cluster.eventTime(e), now) + " ago  "
                + style.state(Optional.ofNullable(e.getType()).orElse("Normal")) + "  " + e.getReason() + "  "
                + e.getMessage()).toList());
    }

    private static String strategy(Fields r) {
        Fields canary = r.object("spec.strategy.canary");
        if (!canary.isEmpty()) {
            Fields routing = canary.object("trafficRouting");
            String router = routing.isEmpty() ? "Service selector" : routing.asMap().keySet().stream().sorted()
                    .collect(Collectors.joining(", "));
            return "Canary (" + canary.list("steps").size() + " steps, traffic: " + router + ")";
        }
        Fields blueGreen = r.object("spec.strategy.blueGreen");
        if (!blueGreen.isEmpty()) {
            return "BlueGreen (active " + blueGreen.text("activeService", "-") + ", preview "
                    + blueGreen.text("previewService", "-") + ", auto-promotion "
                    + blueGreen.text("autoPromotionEnabled", "true") + ")";
        }
        return "-";
    }

    private static String readyReason(Fields r) {
        return r.conditions().stream().filter(c -> "Ready".equals(c.type())).map(Fields.Condition::reason)
                .findFirst().orElse("");
    }

    static String describe(Fields step) {
        if (step.value("setWeight").isPresent()) {
            return "setWeight " + step.text("setWeight", "");
        }
        if (step.value("pause").isPresent()) {
            return step.text("pause.duration").map(d -> "pause " + d).orElse("pause until promoted");
        }
        if (step.value("setHeaderRoute").isPresent()) {
            return "setHeaderRoute";
        }
        if (step.value("analysis").isPresent()) {
            return "analysis";
        }
        return "step";
    }

    static int weightAt(List<Fields> steps, int index) {
        if (index >= steps.size()) {
            return 100;
        }
        for (int i = index; i >= 0; i--) {
            Optional<Long> weight = steps.get(i).number("setWeight");
            if (weight.isPresent()) {
                return weight.get().intValue();
            }
        }
        return 0;
    }

    private void field(String name, String value) {
        out.append(style.bold(String.format("%-10s", name + ":"))).append(' ').append(value).append('\n');
    }

    private void section(String name) {
        out.append(style.bold(name)).append('\n');
    }

    private void children(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == lines.size() - 1 ? "`-- " : "|-- ").append(lines.get(i)).append('\n');
        }
    }
}
