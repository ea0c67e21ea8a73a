package dev.veer.gitsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.veer.api.GitRef;
import dev.veer.api.GitRepositorySpec;
import dev.veer.api.GitSync;
import dev.veer.api.GitSyncHistoryEntry;
import dev.veer.api.GitSyncObject;
import dev.veer.api.GitSyncSpec;
import dev.veer.api.GitSyncStatus;
import dev.veer.common.Conditions;
import dev.veer.gitsync.plan.DryRunAnswer.DefinitionMissing;
import dev.veer.gitsync.plan.DryRunAnswer.Invalid;
import dev.veer.gitsync.plan.DryRunAnswer.Valid;
import dev.veer.gitsync.plan.GitSyncAction.Apply;
import dev.veer.gitsync.plan.GitSyncAction.Prune;
import dev.veer.gitsync.plan.GitSyncConditions.Reason;
import dev.veer.gitsync.source.FetchFailure;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

class GitSyncPlannerTest {

    static final String OLD = "1111111111111111111111111111111111111111";
    static final String NEW = "2222222222222222222222222222222222222222";
    static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

    @Test
    void aNewCommitIsAppliedOnceEveryObjectPassedItsDryRun() {
        GitSync gitSync = gitSync();
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one") + "---\n" + cm("two")));

        GitSyncPlan plan = plan(gitSync, rendered, created(rendered));

        assertThat(plan.actions()).extracting(a -> ((Apply) a).manifest().id().getName()).containsExactly("one", "two");
        assertThat(plan.status().getLastAppliedCommit()).isEqualTo(NEW);
        assertThat(plan.status().getInventory()).extracting(GitSyncObject::getName).containsExactly("one", "two");
        assertThat(plan.status().getHistory()).extracting(GitSyncHistoryEntry::getCommit).containsExactly(NEW);
        assertCondition(plan, GitSyncConditions.READY, "True", Reason.Applied);
        assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(1));
    }

    @Test
    void oneObjectTheDryRunRefusesMeansNothingIsWrittenNorPrunedAndTheStatusNamesIt() {
        GitSync gitSync = appliedBefore(OLD, "one", "gone");
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one"), "b.yaml", cm("x") + "---\n" + cm("bad")));
        Map<String, DryRunAnswer> answers = created(rendered);
        answers.put(key(rendered, "bad"), new Invalid("ConfigMap \"bad\" is invalid: data[k]: Invalid value"));

        GitSyncPlan plan = plan(gitSync, rendered, answers, Map.of(key("gone"), owned()));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getLastAppliedCommit()).isEqualTo(OLD);
        assertThat(plan.status().getLastAttemptedCommit()).isEqualTo(NEW);
        assertThat(plan.status().getInventory()).as("unchanged").extracting(GitSyncObject::getName)
                .containsExactly("one", "gone");
        assertThat(plan.status().getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getFile()).isEqualTo("b.yaml");
            assertThat(e.getDocument()).isEqualTo(1);
            assertThat(e.getMessage()).contains("Invalid value");
        });
        assertCondition(plan, GitSyncConditions.READY, "False", Reason.ValidationFailed);
        assertCondition(plan, GitSyncConditions.STALLED, "True", Reason.ValidationFailed);
        assertThat(condition(plan, GitSyncConditions.READY).getMessage()).contains("b.yaml document 1")
                .contains("nothing written");
        assertThat(plan.status().getHistory().get(0).getResult()).isEqualTo(GitSyncHistoryEntry.Result.Failed);
    }

    @Test
    void aCommitAlreadyAppliedAndNotDriftedCostsNoWrites() {
        GitSync gitSync = appliedBefore(NEW, "one");
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one")));
        Map<String, DryRunAnswer> answers = new HashMap<>();
        ObjectNode live = liveOf(rendered.manifests().get(0), "42");
        ObjectNode after = liveOf(rendered.manifests().get(0), "42");
        answers.put(key(rendered, "one"), new Valid(live, after));

        GitSyncPlan plan = plan(gitSync, rendered, answers);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getDrift()).isEmpty();
        assertThat(plan.status().getHistory()).hasSize(1);
        assertCondition(plan, GitSyncConditions.READY, "True", Reason.Applied);
    }

    @Test
    void driftIsReportedWithItsFieldsAndCorrectedByTheSamePass() {
        GitSync gitSync = appliedBefore(NEW, "one");
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one")));
        Manifest one = rendered.manifests().get(0);
        ObjectNode live = liveOf(one, "42");
        ((ObjectNode) live.get("data")).put("k", "changed-by-hand");
        GitSyncPlan plan = plan(gitSync, rendered, Map.of(one.key(), new Valid(live, liveOf(one, "43"))));

        assertThat(plan.actions()).singleElement().isInstanceOf(Apply.class);
        assertThat(plan.status().getDrift()).singleElement().satisfies(d -> {
            assertThat(d.getObject().getName()).isEqualTo("one");
            assertThat(d.getFields()).containsExactly("data.k");
        });
    }

    @Test
    void driftOfAnObjectAnnotatedReconcileDisabledIsReportedButNotCorrected() {
        GitSync gitSync = appliedBefore(NEW, "one");
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one")));
        Manifest one = rendered.manifests().get(0);
        ObjectNode live = liveOf(one, "42");
        ((ObjectNode) live.get("data")).put("k", "changed-by-hand");
        ((ObjectNode) live.at("/metadata/annotations")).put(ManifestReader.RECONCILE, ManifestReader.DISABLED);

        GitSyncPlan plan = plan(gitSync, rendered, Map.of(one.key(), new Valid(live, liveOf(one, "43"))));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getDrift()).hasSize(1);
    }

    @Test
    void anObjectAppliedFromAnEarlierCommitIsUpdatedNotReportedAsDrift() {
        GitSync gitSync = appliedBefore(OLD, "one");
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one")));
        Manifest one = rendered.manifests().get(0);
        ObjectNode live = liveOf(one, "42");
        ((ObjectNode) live.at("/metadata/annotations")).put(ManifestReader.COMMIT, OLD);

        GitSyncPlan plan = plan(gitSync, rendered, Map.of(one.key(), new Valid(live, liveOf(one, "43"))));

        assertThat(plan.actions()).hasSize(1);
        assertThat(plan.status().getDrift()).isEmpty();
    }

    @ParameterizedTest(name = "exists={0} owner={1} pruneAnnotation={2} spec.prune={3} -> pruned={4}")
    @CsvSource({
            "true,  team-a/app,   ,         true,  true",
            "true,  team-a/app,   disabled, true,  false",
            "true,  team-a/other, ,         true,  false",
            "true,  ,             ,         true,  false",
            "false, ,             ,         true,  false",
            "true,  team-a/app,   ,         false, false" })
    void whatLeftTheRepositoryIsPrunedOnlyIfOwnedAndNotOptedOut(boolean exists, String owner, String annotation,
            boolean prune, boolean pruned) {
        GitSync gitSync = appliedBefore(OLD, "one", "gone");
        gitSync.getSpec().setPrune(prune);
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one")));
        Map<String, String> annotations = new HashMap<>();
        if (owner != null) {
            annotations.put(ManifestReader.OWNER, owner);
        }
        if (annotation != null) {
            annotations.put(ManifestReader.PRUNE, annotation);
        }
        Map<String, Optional<LiveObject>> inventory = Map.of(key("gone"),
                exists ? Optional.of(new LiveObject(annotations)) : Optional.empty());

        GitSyncPlan plan = plan(gitSync, rendered, created(rendered), inventory);

        assertThat(plan.actions().stream().anyMatch(a -> a instanceof Prune)).isEqualTo(pruned);
        assertThat(plan.status().getInventory()).extracting(GitSyncObject::getName).containsExactly("one");
    }

    @Test
    void namespacesArePrunedAfterWhatTheyHold() {
        GitSync gitSync = gitSync();
        GitSyncStatus status = new GitSyncStatus();
        status.setInventory(List.of(new GitSyncObject("v1", "Namespace", null, "ns"),
                new GitSyncObject("v1", "ConfigMap", "ns", "cm")));
        gitSync.setStatus(status);
        Rendered rendered = render(NEW, Map.of());

        GitSyncPlan plan = plan(gitSync, rendered, Map.of(), Map.of(
                new GitSyncObject("v1", "Namespace", null, "ns").key(), owned(),
                new GitSyncObject("v1", "ConfigMap", "ns", "cm").key(), owned()));

        assertThat(plan.actions()).extracting(a -> ((Prune) a).object().getKind())
                .containsExactly("ConfigMap", "Namespace");
    }

    @Test
    void aServiceRolloutRolledBackAutomaticallyIsReportedAndNotReappliedUntilANewCommit() {
        String rollout = "apiVersion: veer.dev/v1alpha1\nkind: ServiceRollout\nmetadata:\n  name: web\nspec:\n"
                + "  replicas: 2\n";
        Rendered sameCommit = render(NEW, Map.of("r.yaml", rollout));
        Manifest web = sameCommit.manifests().get(0);
        ObjectNode live = liveOf(web, "7");
        ((ObjectNode) live.get("spec")).put("replicas", 1);

        GitSyncPlan plan = GitSyncPlanner.plan(appliedBefore(NEW, "web"), observation(sameCommit,
                Map.of(web.key(), new Valid(live, liveOf(web, "8"))), Map.of(), Set.of(web.key())));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getRolledBack()).extracting(GitSyncObject::getName).containsExactly("web");
        assertThat(condition(plan, GitSyncConditions.READY).getMessage()).contains("rolled back");

        Rendered newCommit = render(OLD, Map.of("r.yaml", rollout));
        GitSyncPlan next = GitSyncPlanner.plan(appliedBefore(NEW, "web"), observation(newCommit,
                Map.of(web.key(), new Valid(live, liveOf(newCommit.manifests().get(0), "8"))), Map.of(),
                Set.of(web.key())));
        assertThat(next.actions()).hasSize(1);
        assertThat(next.status().getRolledBack()).isEmpty();
    }

    @Test
    void crdsAndNamespacesAreAppliedFirstWhenTheRestNeedsThem() {
        Rendered rendered = render(NEW, Map.of(
                "crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                        + "  name: widgets.acme.io\nspec:\n  group: acme.io\n  scope: Namespaced\n  names:\n"
                        + "    kind: Widget\n",
                "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
                "w.yaml", "apiVersion: acme.io/v1\nkind: Widget\nmetadata:\n  name: w\n",
                "cm.yaml", cm("c").replace("name: c", "name: c\n  namespace: shop")));
        Map<String, DryRunAnswer> answers = created(rendered);
        answers.put(key(rendered, "w"), new DefinitionMissing("no kind Widget in acme.io/v1"));
        answers.put(key(rendered, "c"), new DefinitionMissing("namespaces \"shop\" not found"));

        GitSyncPlan plan = plan(gitSync(), rendered, answers);

        assertThat(plan.actions()).extracting(a -> ((Apply) a).manifest().id().getKind())
                .containsExactly("CustomResourceDefinition", "Namespace");
        assertCondition(plan, GitSyncConditions.RECONCILING, "True", Reason.ApplyingDefinitions);
        assertThat(plan.status().getLastAppliedCommit()).isNull();
        assertThat(plan.requeueAfter()).contains(GitSyncPlanner.FOLLOW_UP);
    }

    @Test
    void aKindNeitherServedNorDefinedByTheCommitIsAValidationFailure() {
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("a"), "w.yaml", cm("b")));
        Map<String, DryRunAnswer> answers = created(rendered);
        answers.put(key(rendered, "b"), new DefinitionMissing("namespaces \"elsewhere\" not found"));

        GitSyncPlan plan = plan(gitSync(), rendered, answers);

        assertThat(plan.actions()).isEmpty();
        assertCondition(plan, GitSyncConditions.READY, "False", Reason.ValidationFailed);
    }

    @Test
    void forceIsUsedOnlyForAnObjectAnnotatedForceApply() {
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("plain") + "---\n" + cm("forced").replace(
                "name: forced", "name: forced\n  annotations:\n    veer.dev/force-apply: \"true\"")));

        GitSyncPlan plan = plan(gitSync(), rendered, created(rendered));

        assertThat(plan.actions()).extracting(a -> ((Apply) a).force()).containsExactly(false, true);
    }

    @Test
    void nothingIsAppliedWhileADependencyIsNotReady() {
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("a")));

        GitSyncPlan plan = GitSyncPlanner.plan(gitSync(), new GitSyncObservation(new SourceState.Fetched(NEW,
                rendered), List.of("GitSync team-a/infra"), Map.of(), Map.of(), Set.of(), Map.of(), NOW));

        assertThat(plan.actions()).isEmpty();
        assertCondition(plan, GitSyncConditions.READY, "False", Reason.DependencyNotReady);
        assertThat(GitSyncPlanner.needsDryRun(gitSync(), new SourceState.Fetched(NEW, rendered),
                List.of("GitSync team-a/infra"))).isFalse();
    }

    @Test
    void aSuspendedGitSyncWritesNothing() {
        GitSync gitSync = gitSync();
        gitSync.getSpec().setSuspend(true);
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("a")));

        GitSyncPlan plan = plan(gitSync, rendered, created(rendered));

        assertThat(plan.actions()).isEmpty();
        assertCondition(plan, GitSyncConditions.RECONCILING, "False", Reason.Suspended);
        assertThat(plan.requeueAfter()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "AuthenticationFailed, true", "FetchFailed, false" })
    void aFailedFetchEndsInStatusWithItsReason(FetchFailure.Reason reason, boolean stalled) {
        GitSync gitSync = appliedBefore(OLD, "one");

        GitSyncPlan plan = GitSyncPlanner.plan(gitSync, new GitSyncObservation(new SourceState.Failed(
                Reason.valueOf(reason.name()), "the message", stalled), List.of(), Map.of(), Map.of(), Set.of(),
                Map.of(), NOW));

        assertThat(plan.actions()).isEmpty();
        assertCondition(plan, GitSyncConditions.READY, "False", Reason.valueOf(reason.name()));
        assertThat(condition(plan, GitSyncConditions.STALLED).getStatus()).isEqualTo(stalled ? "True" : "False");
        assertThat(plan.status().getLastAppliedCommit()).isEqualTo(OLD);
    }

    @Test
    void aWriteThatFailsAfterItsDryRunLeavesTheCommitNotAppliedAndKeepsWhatWasWrittenInTheInventory() {
        GitSync gitSync = appliedBefore(OLD, "one");
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one") + "---\n" + cm("two")));
        GitSyncPlan plan = plan(gitSync, rendered, created(rendered));

        GitSyncStatus status = GitSyncPlanner.writeFailed(gitSync, plan, new WriteFailure(plan.actions().get(1),
                "Operation cannot be fulfilled", List.of(rendered.manifests().get(0).id())), NOW);

        assertThat(status.getLastAppliedCommit()).isEqualTo(OLD);
        assertThat(status.getLastAttemptedCommit()).isEqualTo(NEW);
        assertThat(status.getInventory()).extracting(GitSyncObject::getName).containsExactly("one");
        assertThat(Conditions.find(status.getConditions(), GitSyncConditions.READY).orElseThrow().getReason())
                .isEqualTo("ApplyFailed");
    }

    @Test
    void withWaitTheGitSyncIsReadyOnlyOnceWhatItAppliedIsHealthy() {
        GitSync gitSync = appliedBefore(NEW, "one");
        gitSync.getSpec().setWait(true);
        Rendered rendered = render(NEW, Map.of("a.yaml", cm("one")));
        Manifest one = rendered.manifests().get(0);
        Map<String, DryRunAnswer> answers = Map.of(one.key(), new Valid(liveOf(one, "1"), liveOf(one, "1")));

        GitSyncPlan unhealthy = GitSyncPlanner.plan(gitSync, observation(rendered, answers,
                Map.of(one.key(), "Deployment has 0 of 2 replicas available"), Set.of()));
        GitSyncPlan healthy = GitSyncPlanner.plan(gitSync, observation(rendered, answers, Map.of(), Set.of()));

        assertCondition(unhealthy, GitSyncConditions.READY, "False", Reason.WaitingForHealth);
        assertCondition(healthy, GitSyncConditions.READY, "True", Reason.Applied);
    }

    // -- fixtures ---------------------------------------------------------------------------------------------------

    static GitSync gitSync() {
        GitSync gitSync = new GitSync();
        gitSync.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("team-a").withGeneration(1L)
                .build());
        GitSyncSpec spec = new GitSyncSpec();
        GitRepositorySpec repository = new GitRepositorySpec();
        repository.setUrl("https://git.example/app.git");
        repository.setRef(GitRef.branch("main"));
        spec.setRepository(repository);
        gitSync.setSpec(spec);
        return gitSync;
    }

    static GitSync appliedBefore(String commit, String... configMaps) {
        GitSync gitSync = gitSync();
        GitSyncStatus status = new GitSyncStatus();
        status.setLastAppliedCommit(commit);
        status.setLastAttemptedCommit(commit);
        for (String name : configMaps) {
            status.getInventory().add(new GitSyncObject("v1", "ConfigMap", "team-a", name));
        }
        status.getHistory().add(new GitSyncHistoryEntry(commit, "2026-11-29T00:00:00Z",
                GitSyncHistoryEntry.Result.Applied, "applied"));
        gitSync.setStatus(status);
        return gitSync;
    }

    static Rendered render(String commit, Map<String, String> files) {
        ApiScopes scopes = (apiVersion, kind) -> kind.equals("Namespace") || kind.equals("CustomResourceDefinition")
                ? Optional.of(false) : kind.equals("Widget") ? Optional.empty() : Optional.of(true);
        return ManifestReader.read(new TreeMap<>(files), new ManifestReader.Settings("team-a", "app", commit, null,
                false, Map.of()), scopes);
    }

    static String cm(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n";
    }

    static String key(String configMap) {
        return new GitSyncObject("v1", "ConfigMap", "team-a", configMap).key();
    }

    static String key(Rendered rendered, String name) {
        return rendered.manifests().stream().filter(m -> m.id().getName().equals(name)).findFirst().orElseThrow()
                .key();
    }

    static Optional<LiveObject> owned() {
        return Optional.of(new LiveObject(Map.of(ManifestReader.OWNER, "team-a/app")));
    }

    /** Every object new: the dry-run shows it as the manifest plus what the server adds. */
    static Map<String, DryRunAnswer> created(Rendered rendered) {
        Map<String, DryRunAnswer> answers = new HashMap<>();
        rendered.manifests().forEach(m -> answers.put(m.key(), new Valid(null, liveOf(m, "1"))));
        return answers;
    }

    /** The manifest as the API server returns it: with resourceVersion, uid and managedFields. */
    static ObjectNode liveOf(Manifest manifest, String resourceVersion) {
        ObjectNode live = manifest.body().deepCopy();
        ObjectNode metadata = (ObjectNode) live.get("metadata");
        metadata.put("resourceVersion", resourceVersion);
        metadata.put("uid", "u-" + manifest.id().getName());
        metadata.putArray("managedFields").addObject().put("manager", "veer-gitsync").put("time",
                "2026-11-30T00:00:0" + resourceVersion.length() + "Z");
        return live;
    }

    static GitSyncPlan plan(GitSync gitSync, Rendered rendered, Map<String, DryRunAnswer> answers) {
        return plan(gitSync, rendered, answers, Map.of());
    }

    static GitSyncPlan plan(GitSync gitSync, Rendered rendered, Map<String, DryRunAnswer> answers,
            Map<String, Optional<LiveObject>> inventory) {
        return GitSyncPlanner.plan(gitSync, new GitSyncObservation(new SourceState.Fetched(
                rendered.manifests().isEmpty() ? NEW : rendered.manifests().get(0).annotation(ManifestReader.COMMIT),
                rendered), List.of(), answers, inventory, Set.of(), Map.of(), NOW));
    }

    static GitSyncObservation observation(Rendered rendered, Map<String, DryRunAnswer> answers,
            Map<String, String> unhealthy, Set<String> rolledBack) {
        return new GitSyncObservation(new SourceState.Fetched(rendered.manifests().get(0).annotation(
                ManifestReader.COMMIT), rendered), List.of(), answers, Map.of(), rolledBack, unhealthy, NOW);
    }

    static Condition condition(GitSyncPlan plan, String type) {
        return Conditions.find(plan.status().getConditions(), type).orElseThrow();
    }

    static void assertCondition(GitSyncPlan plan, String type, String status, Reason reason) {
        Condition condition = condition(plan, type);
        assertThat(condition.getStatus()).as(type + ": " + condition.getMessage()).isEqualTo(status);
        assertThat(condition.getReason()).as(type + ": " + condition.getMessage()).isEqualTo(reason.name());
    }
}
