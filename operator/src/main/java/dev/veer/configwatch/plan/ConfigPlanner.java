package dev.veer.configwatch.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.veer.api.ConfigFormat;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ConfigWatchStatus;
import dev.veer.api.ConsumerKind;
import dev.veer.common.Conditions;
import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.SourceStatus;
import dev.veer.configwatch.model.ConfigNames;
import dev.veer.configwatch.model.ConfigRenderer;
import dev.veer.configwatch.model.RenderedConfig;
import dev.veer.configwatch.plan.ConfigAction.ApplyStable;
import dev.veer.configwatch.plan.ConfigAction.ApplyVersioned;
import dev.veer.configwatch.plan.ConfigAction.DeleteSnapshot;
import dev.veer.configwatch.plan.ConfigAction.DeleteVersion;
import dev.veer.configwatch.plan.ConfigAction.RecordSnapshot;
import dev.veer.configwatch.plan.ConfigAction.RestoreStable;
import dev.veer.configwatch.plan.ConfigAction.RollConsumer;
import dev.veer.snapshot.SnapshotGc;
import dev.veer.snapshot.SnapshotHistory;
import dev.veer.snapshot.SnapshotRecord;

/**
 * Decides, without I/O, what one pass of a ConfigWatch does. The steps, in order:
 * <ol>
 * <li>a spec that cannot be carried out (what CEL forbids, on a server without CEL): report InvalidSpec;</li>
 * <li>suspended: nothing changes;</li>
 * <li>credentials unusable, or the prefix never listed: wait for the source, keep what is materialised;</li>
 * <li>a change not yet due (debounce): wait, and look again when it is;</li>
 * <li>render the prefix; judge the versions by the verdicts of the ServiceRollout revisions that used them
 * ({@link ConfigVerdicts});</li>
 * <li>a content that failed in a rollout: serve the last good version again (Degraded, reason ConfigRolledBack);
 * otherwise a new content becomes a revision ({@link #nextRevision}) with a Snapshot, and the versioned and the
 * stable object hold it;</li>
 * <li>roll the Deployment consumers that do not have the served hash yet (ServiceRollouts take it by
 * spec.configFrom);</li>
 * <li>delete versioned objects and Snapshots beyond the history limit that nothing needs.</li>
 * </ol>
 * The etcd data a pass uses is the last the watch delivered, so a pass while etcd is unreachable keeps the last good
 * configuration in place.
 */
public final class ConfigPlanner {

    /** Largest content materialised: a ConfigMap or Secret holds at most 1 MiB, metadata included. */
    static final long MAX_BYTES = 1_000_000;
    static final Duration RECHECK = Duration.ofSeconds(30);
    private static final ObjectMapper STATUS = JsonMapper.builder().build();

    private ConfigPlanner() {
    }

    public static ConfigPlan plan(ConfigWatch watch, Observed observed, Instant now) {
        Pass pass = new Pass(watch, now);
        Optional<String> invalid = specProblem(watch);
        if (invalid.isPresent()) {
            pass.degraded(ConfigConditions.INVALID_SPEC, invalid.get());
            pass.ready(false, ConfigConditions.INVALID_SPEC, invalid.get() + "; " + pass.holding());
            return pass.finish();
        }
        if (Boolean.TRUE.equals(watch.getSpec().getSuspend())) {
            pass.ready(false, ConfigConditions.SUSPENDED, "spec.suspend is true: " + pass.holding());
            return pass.finish();
        }
        if (observed.credentialsProblem().isPresent()) {
            String problem = observed.credentialsProblem().get();
            pass.source(false, ConfigConditions.CREDENTIALS_MISSING, problem);
            pass.degraded(ConfigConditions.CREDENTIALS_MISSING, problem);
            pass.ready(false, ConfigConditions.WAITING_FOR_SOURCE, problem + "; " + pass.holding());
            pass.requeueAt(now.plus(RECHECK));
            return pass.finish();
        }
        PrefixView view = observed.source().orElseThrow();
        SourceStatus source = view.status();
        pass.source(source.isLive(), source.reason(), source.message());
        if (source.phase() == SourceStatus.Phase.DENIED) {
            pass.degraded(source.reason(), source.message());
            pass.requeueAt(now.plus(RECHECK)); // to read the Secret again: new credentials make a new watch
        }
        if (!view.listed()) {
            pass.ready(false, source.phase() == SourceStatus.Phase.CONNECTING ? ConfigConditions.WAITING_FOR_SOURCE
                    : ConfigConditions.SOURCE_UNAVAILABLE, source.message() + "; " + pass.holding());
            return pass.finish();
        }
        Optional<Instant> due = pass.specChanged() || pass.status().getContentHash() == null ? Optional.empty()
                : Debounce.waitUntil(appliedRevision(pass.status()), view, debounce(watch), now);
        if (due.isPresent()) {
            pass.ready(false, ConfigConditions.CHANGE_PENDING, "etcd changed after revision "
                    + pass.status().getEtcdRevision() + ": applying once it has been quiet for "
                    + watch.getSpec().getDebounceSeconds() + "s");
            pass.requeueAt(due.get());
            return pass.finish();
        }
        RenderedConfig config = recordedName(pass.status(), observed, ConfigRenderer.render(view.entries(),
                watch.getSpec().getTarget().getFormat(), watch.getSpec().getTarget().getKey(), observed.names()));
        if (config.size() > MAX_BYTES) {
            String message = "the content of etcd revision " + view.revision() + " is " + config.size()
                    + " bytes, more than a " + watch.getSpec().getTarget().getKind() + " holds (" + MAX_BYTES + ")";
            pass.degraded(ConfigConditions.TOO_LARGE, message);
            pass.ready(false, ConfigConditions.TOO_LARGE, message + "; " + pass.holding());
            return pass.finish();
        }
        ConfigVerdicts.Judged judged = ConfigVerdicts.judge(observed.history(), now);
        judged.changes().forEach(pass::act);
        Optional<ConfigVerdicts.Failure> failure = ConfigVerdicts.failure(judged, observed.history(), config.hash());
        Optional<ConfigSnapshot> lastGood = ConfigVerdicts.lastGood(judged, config.hash(), observed.versions()
                .stream().map(VersionedObject::hash).filter(Objects::nonNull).collect(Collectors.toSet()));
        if (failure.isPresent()) {
            rollBack(pass, failure.get(), lastGood, view, observed);
        } else {
            materialise(pass, config, view, observed);
        }
        consumers(pass, pass.status().getContentHash(), observed);
        collect(pass, observed);
        collectSnapshots(pass, observed, config.hash(), lastGood);
        if (failure.isPresent()) {
            return pass.finish();
        }
        if (!config.skippedKeys().isEmpty()) {
            pass.degraded(ConfigConditions.KEYS_SKIPPED, config.skippedKeys().size() + " key(s) cannot be put in "
                    + "the target and were left out: " + String.join(", ", config.skippedKeys().stream()
                            .limit(5).map(ConfigPlanner::printable).toList()));
        }
        if (source.isLive()) {
            pass.ready(true, ConfigConditions.SYNCED, "revision " + pass.status().getRevision() + " ("
                    + pass.status().getContentHash() + ") holds etcd revision " + view.revision());
        } else {
            pass.ready(false, ConfigConditions.SOURCE_UNAVAILABLE, source.message() + "; " + pass.holding());
        }
        return pass.finish();
    }

    /**
     * A content recorded before Secret versions were named by keyed hashes keeps its recorded name (served, a
     * versioned object or a Snapshot holds it), so an upgrade renames no version and rolls no consumer; any other
     * content gets the name {@link dev.veer.configwatch.model.VersionNames} gives it.
     */
    static RenderedConfig recordedName(ConfigWatchStatus status, Observed observed, RenderedConfig config) {
        Optional<String> legacy = observed.names().legacy(config.data());
        if (legacy.isEmpty()) {
            return config;
        }
        String old = legacy.get();
        boolean recorded = old.equals(status.getContentHash())
                || observed.versions().stream().anyMatch(v -> old.equals(v.hash()))
                || observed.history().records().byHash(old).isPresent();
        return recorded ? config.withHash(old) : config;
    }

    private static void materialise(Pass pass, RenderedConfig config, PrefixView view, Observed observed) {
        ConfigWatchStatus status = pass.status();
        if (!config.hash().equals(status.getContentHash())) {
            status.setRevision(nextRevision(status, observed, config.hash()));
            status.setContentHash(config.hash());
            status.setVersionedName(ConfigNames.versioned(pass.watch(), config.hash()));
            status.setLastSyncTime(pass.now().toString());
            pass.event(ConfigEvent.normal("NewVersion", "revision " + status.getRevision() + " (" + config.hash()
                    + ", " + config.keyCount() + " keys) from etcd revision " + view.revision() + " in "
                    + status.getVersionedName()));
        }
        status.setKeyCount(config.keyCount());
        status.setEtcdRevision(view.revision());
        // The stable-named object first: plain consumers read it, and nothing else waits for it. The versioned
        // object and the snapshot need only exist before the status names them.
        if (!observed.stableHash().equals(Optional.of(config.hash()))) {
            pass.act(new ApplyStable(config, view.revision()));
        }
        boolean versionedInPlace = observed.versions().stream().anyMatch(v -> v.name().equals(
                status.getVersionedName()) && v.revision() == status.getRevision());
        if (!versionedInPlace) {
            pass.act(new ApplyVersioned(config, status.getRevision(), view.revision()));
        }
        if (observed.history().records().byHash(config.hash()).isEmpty()) {
            pass.act(new RecordSnapshot(status.getRevision(), config, view.revision()));
        }
    }

    /**
     * etcd holds a content that failed in a ServiceRollout: serve the last good version again (status and stable
     * object; the versioned objects are immutable and stay), until etcd holds another content. Without a good version
     * to return to, what is served stays.
     */
    private static void rollBack(Pass pass, ConfigVerdicts.Failure failure, Optional<ConfigSnapshot> lastGood,
            PrefixView view, Observed observed) {
        ConfigWatchStatus status = pass.status();
        status.setEtcdRevision(view.revision());
        if (lastGood.isEmpty()) {
            String message = failure.describe() + " and no other version was promoted: revision "
                    + status.getRevision() + " stays until etcd changes";
            pass.degraded(ConfigConditions.CONFIG_FAILED, message);
            pass.ready(false, ConfigConditions.CONFIG_FAILED, message);
            return;
        }
        var good = lastGood.get();
        String hash = good.record().contentHash();
        if (!hash.equals(status.getContentHash())) {
            status.setRevision(good.record().revision());
            status.setContentHash(hash);
            status.setVersionedName(ConfigNames.versioned(pass.watch(), hash));
            good.keyCount().ifPresent(status::setKeyCount);
            status.setLastSyncTime(pass.now().toString());
            pass.event(ConfigEvent.warning(ConfigConditions.CONFIG_ROLLED_BACK, failure.describe()
                    + ": serving revision " + good.record().revision() + " (" + hash + ") again"));
        }
        if (!observed.stableHash().equals(Optional.of(hash))) {
            pass.act(new RestoreStable(status.getVersionedName(), hash));
        }
        String message = failure.describe() + ": serving revision " + good.record().revision() + " (" + hash
                + ") until etcd holds another content (etcd revision " + view.revision() + ")";
        pass.degraded(ConfigConditions.CONFIG_ROLLED_BACK, message);
        pass.ready(false, ConfigConditions.CONFIG_ROLLED_BACK, message);
    }

    /**
     * Snapshots beyond the history limit go, never that of the version served, of the last good one, of the content
     * etcd holds, or of a version a consumer's pod template uses.
     */
    private static void collectSnapshots(Pass pass, Observed observed, String etcdHash,
            Optional<ConfigSnapshot> lastGood) {
        SnapshotHistory history = observed.history().records();
        Set<Integer> keep = new HashSet<>();
        Optional.ofNullable(pass.status().getRevision()).ifPresent(keep::add);
        lastGood.ifPresent(g -> keep.add(g.record().revision()));
        history.byHash(etcdHash).ifPresent(s -> keep.add(s.revision()));
        Set<String> referenced = new HashSet<>();
        observed.consumers().forEach(c -> referenced.addAll(c.referencedNames()));
        for (SnapshotRecord snapshot : history.snapshots()) {
            if (referenced.contains(ConfigNames.versioned(pass.watch(), snapshot.contentHash()))) {
                keep.add(snapshot.revision());
            }
        }
        for (SnapshotRecord doomed : SnapshotGc.select(history, pass.watch().getSpec().getHistoryLimit(), keep)) {
            pass.act(new DeleteSnapshot(doomed.name()));
        }
    }

    /**
     * What the CRD's rules forbid but an API server without CEL (or the mock one) lets through, and that would make
     * the target unbuildable.
     */
    static Optional<String> specProblem(ConfigWatch watch) {
        var target = watch.getSpec().getTarget();
        if (target.getFormat() != ConfigFormat.keys && (target.getKey() == null || target.getKey().isEmpty())) {
            return Optional.of("spec.target.key is required with format " + target.getFormat());
        }
        return Optional.empty();
    }

    /**
     * The revision of a content that the target does not hold: the revision of its Snapshot when it has one (a
     * Snapshot is named by its content, so content that comes back is its recorded revision again, as with a
     * rollout's templates), else one more than any revision recorded, materialised or served.
     */
    static int nextRevision(ConfigWatchStatus status, Observed observed, String contentHash) {
        SnapshotHistory history = observed.history().records();
        Optional<SnapshotRecord> recorded = history.byHash(contentHash);
        if (recorded.isPresent()) {
            return recorded.get().revision();
        }
        int max = Math.max(history.maxRevision(), status.getRevision() == null ? 0 : status.getRevision());
        for (VersionedObject version : observed.versions()) {
            max = Math.max(max, version.revision());
        }
        return max + 1;
    }

    private static void consumers(Pass pass, String hash, Observed observed) {
        List<String> missing = new ArrayList<>();
        List<String> notTaking = new ArrayList<>();
        for (ConsumerObservation consumer : observed.consumers()) {
            if (!consumer.exists()) {
                missing.add(consumer.consumer().getKind() + " " + consumer.consumer().getName());
            } else if (consumer.consumer().getKind() == ConsumerKind.ServiceRollout) {
                if (!consumer.takesConfigFrom()) {
                    notTaking.add(consumer.consumer().getName());
                }
            } else if (!consumer.hashAnnotation().equals(Optional.of(hash))) {
                pass.act(new RollConsumer(consumer.consumer(), hash));
                pass.event(ConfigEvent.normal("ConsumerRolled", consumer.consumer().getKind() + " "
                        + consumer.consumer().getName() + " rolled to revision " + pass.status().getRevision()
                        + " (" + hash + ")"));
            }
        }
        if (!missing.isEmpty()) {
            pass.degraded(ConfigConditions.CONSUMER_MISSING, "not found: " + String.join(", ", missing));
            pass.requeueAt(pass.now().plus(RECHECK));
        }
        if (!notTaking.isEmpty()) {
            pass.degraded(ConfigConditions.CONFIG_FROM_MISSING, "ServiceRollout " + String.join(", ", notTaking)
                    + " is listed as a consumer but its spec.configFrom does not name this ConfigWatch: add "
                    + "{configWatch: " + pass.watch().getMetadata().getName() + ", mountPath: ...} (or env: true) "
                    + "to it; Veer does not edit a rollout's spec");
            pass.requeueAt(pass.now().plus(RECHECK));
        }
    }

    private static void collect(Pass pass, Observed observed) {
        List<VersionedObject> versions = new ArrayList<>(observed.versions().stream()
                .filter(v -> !v.name().equals(pass.status().getVersionedName())).toList());
        versions.add(new VersionedObject(pass.status().getVersionedName(), pass.status().getContentHash(),
                pass.status().getRevision()));
        Set<String> referenced = new HashSet<>();
        observed.consumers().forEach(c -> referenced.addAll(c.referencedNames()));
        for (String name : HistoryCollector.toDelete(versions, pass.status().getVersionedName(), referenced,
                pass.watch().getSpec().getHistoryLimit())) {
            pass.act(new DeleteVersion(name));
        }
    }

    /** Whether writing {@code plan}'s status would change anything. */
    public static boolean statusChanged(ConfigWatch watch, ConfigPlan plan) {
        return watch.getStatus() == null
                || !STATUS.valueToTree(watch.getStatus()).equals(STATUS.valueToTree(plan.status()));
    }

    private static long appliedRevision(ConfigWatchStatus status) {
        return status.getEtcdRevision() == null ? -1 : status.getEtcdRevision();
    }

    private static Duration debounce(ConfigWatch watch) {
        return Duration.ofSeconds(Objects.requireNonNullElse(watch.getSpec().getDebounceSeconds(), 0));
    }

    private static String printable(String keyName) {
        return keyName.startsWith("\0") ? "(a key that is not UTF-8)" : keyName;
    }

    /** The state of one pass: the status being built, actions, events, the earliest time to look again. */
    private static final class Pass {
        private final ConfigWatch watch;
        private final Instant now;
        private final ConfigWatchStatus status;
        private final boolean specChanged;
        private final List<ConfigAction> actions = new ArrayList<>();
        private final List<ConfigEvent> events = new ArrayList<>();
        private boolean degraded;
        private Instant requeueAt;

        Pass(ConfigWatch watch, Instant now) {
            this.watch = watch;
            this.now = now;
            this.status = copy(watch.getStatus());
            this.specChanged = !Objects.equals(status.getObservedGeneration(), watch.getMetadata().getGeneration());
            status.setObservedGeneration(watch.getMetadata().getGeneration());
        }

        ConfigWatch watch() {
            return watch;
        }

        Instant now() {
            return now;
        }

        ConfigWatchStatus status() {
            return status;
        }

        boolean specChanged() {
            return specChanged;
        }

        void act(ConfigAction action) {
            actions.add(action);
        }

        void event(ConfigEvent event) {
            events.add(event);
        }

        void requeueAt(Instant at) {
            requeueAt = requeueAt == null || at.isBefore(requeueAt) ? at : requeueAt;
        }

        /** What the target holds now, for messages. */
        String holding() {
            return status.getRevision() == null ? "nothing materialised yet"
                    : "revision " + status.getRevision() + " (etcd revision " + status.getEtcdRevision() + ") stays";
        }

        void ready(boolean ready, String reason, String message) {
            condition(ConfigConditions.READY, ready, reason, message);
        }

        void source(boolean reachable, String reason, String message) {
            condition(ConfigConditions.SOURCE_REACHABLE, reachable, reason, message);
        }

        void degraded(String reason, String message) {
            if (!degraded) {
                degraded = true;
                condition(ConfigConditions.DEGRADED, true, reason, message);
            }
        }

        private void condition(String type, boolean value, String reason, String message) {
            Conditions.set(status.getConditions(), type, value, reason, message, watch.getMetadata().getGeneration(),
                    now);
        }

        ConfigPlan finish() {
            if (!degraded) {
                condition(ConfigConditions.DEGRADED, false, ConfigConditions.NOT_DEGRADED, "nothing needs attention");
            }
            return new ConfigPlan(List.copyOf(actions), status, List.copyOf(events),
                    Optional.ofNullable(requeueAt).map(at -> Duration.between(now, at)));
        }

        private static ConfigWatchStatus copy(ConfigWatchStatus status) {
            if (status == null) {
                return new ConfigWatchStatus();
            }
            ConfigWatchStatus copy = STATUS.convertValue(status, ConfigWatchStatus.class);
            if (copy.getConditions() == null) {
                copy.setConditions(new ArrayList<>());
            }
            return copy;
        }
    }
}
