package dev.veer.gitsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.GitRef;
import dev.veer.api.GitRepositorySpec;
import dev.veer.api.GitSync;
import dev.veer.api.GitSyncDependency;
import dev.veer.api.GitSyncObject;
import dev.veer.api.GitSyncSpec;
import dev.veer.common.Conditions;
import dev.veer.gitsync.plan.GitSyncConditions;
import dev.veer.gitsync.plan.ManifestReader;
import dev.veer.gitsync.source.RepositoryWriter;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.GitDaemonExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real operator on the mock API server, fetching from a real git daemon. The mock has no server-side apply and
 * no dry-run: the executor emulates them there, so these tests cover fetch, reconcile loop, inventory, prune and
 * status; what server-side apply itself decides is covered by the e2e suite.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class GitSyncTest {

    @RegisterExtension
    static final GitDaemonExtension gitDaemon = new GitDaemonExtension();

    private static final String NAMESPACE = "gitsync-test";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    KubernetesClient client;

    private final List<RepositoryWriter> writers = new java.util.ArrayList<>();

    @AfterEach
    void closeWriters() {
        writers.forEach(RepositoryWriter::close);
    }

    @Test
    void aCommitIsAppliedThenANewCommitUpdatesAndPrunesWhatLeftTheRepository() {
        String name = "app-" + SEQUENCE.incrementAndGet();
        URI repository = gitDaemon.createBareRepository(name);
        RepositoryWriter writer = writer(repository);
        String first = writer.commit(Map.of("deploy/a.yaml", configMap(name + "-a", "1") + "---\n"
                + configMap(name + "-b", "1"), "other/ignored.yaml", configMap(name + "-c", "1")), "first");

        client.resource(gitSync(name, repository, "deploy")).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            GitSync gitSync = get(name);
            assertThat(ready(gitSync).getStatus()).as(ready(gitSync).getMessage()).isEqualTo("True");
            assertThat(gitSync.getStatus().getLastAppliedCommit()).isEqualTo(first);
        });
        ConfigMap a = configMap(name + "-a");
        assertThat(a.getData()).containsEntry("value", "1");
        assertThat(a.getMetadata().getAnnotations()).containsEntry(ManifestReader.COMMIT, first)
                .containsEntry(ManifestReader.OWNER, NAMESPACE + "/" + name);
        assertThat(configMap(name + "-c")).as("outside spec.path").isNull();
        assertThat(get(name).getStatus().getInventory()).extracting(GitSyncObject::getName)
                .containsExactly(name + "-a", name + "-b");

        Map<String, String> change = new HashMap<>();
        change.put("deploy/a.yaml", configMap(name + "-a", "2"));
        String second = writer.commit(change, "second: b leaves");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get(name).getStatus().getLastAppliedCommit()).isEqualTo(second);
            assertThat(configMap(name + "-a").getData()).containsEntry("value", "2");
            assertThat(configMap(name + "-b")).as("pruned").isNull();
        });
        assertThat(get(name).getStatus().getHistory()).extracting(h -> h.getCommit()).containsExactly(second, first);
    }

    @Test
    void aCommitWithOneBadDocumentAppliesNothingAndTheStatusNamesFileAndDocument() {
        String name = "bad-" + SEQUENCE.incrementAndGet();
        URI repository = gitDaemon.createBareRepository(name);
        String commit = writer(repository).commit(Map.of("a.yaml", configMap(name + "-good", "1"),
                "b.yaml", configMap(name + "-fine", "1") + "---\nkind: [broken\n"), "bad");

        client.resource(gitSync(name, repository, ".")).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            GitSync gitSync = get(name);
            assertThat(ready(gitSync).getReason()).isEqualTo(GitSyncConditions.Reason.InvalidManifests.name());
            assertThat(gitSync.getStatus().getLastAttemptedCommit()).isEqualTo(commit);
        });
        GitSync gitSync = get(name);
        assertThat(gitSync.getStatus().getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getFile()).isEqualTo("b.yaml");
            assertThat(e.getDocument()).isEqualTo(1);
        });
        assertThat(Conditions.isTrue(gitSync.getStatus().getConditions(), GitSyncConditions.STALLED)).isTrue();
        assertThat(configMap(name + "-good")).isNull();
        assertThat(gitSync.getStatus().getLastAppliedCommit()).isNull();
    }

    @Test
    void aGitSyncWaitsForTheGitSyncsItDependsOn() {
        String name = "dependent-" + SEQUENCE.incrementAndGet();
        URI repository = gitDaemon.createBareRepository(name);
        writer(repository).commit(Map.of("a.yaml", configMap(name + "-x", "1")), "x");
        GitSync dependent = gitSync(name, repository, ".");
        dependent.getSpec().setDependsOn(List.of(new GitSyncDependency(name + "-infra", "")));

        client.resource(dependent).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ready(get(name)).getReason())
                .isEqualTo(GitSyncConditions.Reason.DependencyNotReady.name()));
        assertThat(configMap(name + "-x")).isNull();

        URI infra = gitDaemon.createBareRepository(name + "-infra");
        writer(infra).commit(Map.of("ns.yaml", configMap(name + "-infra-cm", "1")), "infra");
        client.resource(gitSync(name + "-infra", infra, ".")).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ready(get(name)).getStatus()).isEqualTo("True");
            assertThat(configMap(name + "-x")).isNotNull();
        });
    }

    @Test
    void anUnreachableRepositoryEndsInStatus() {
        String name = "unreachable-" + SEQUENCE.incrementAndGet();
        GitSync gitSync = gitSync(name, URI.create("git://127.0.0.1:1/nothing.git"), ".");

        client.resource(gitSync).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ready(get(name)).getReason())
                .isEqualTo(GitSyncConditions.Reason.FetchFailed.name()));
    }

    private RepositoryWriter writer(URI repository) {
        RepositoryWriter writer = RepositoryWriter.pushingTo(repository);
        writers.add(writer);
        return writer;
    }

    static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value + "\"\n";
    }

    static GitSync gitSync(String name, URI repository, String path) {
        GitSync gitSync = new GitSync();
        gitSync.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        GitSyncSpec spec = new GitSyncSpec();
        GitRepositorySpec source = new GitRepositorySpec();
        source.setUrl(repository.toString());
        source.setRef(GitRef.branch("main"));
        source.setInterval("1s");
        spec.setRepository(source);
        spec.setPath(path);
        gitSync.setSpec(spec);
        return gitSync;
    }

    private GitSync get(String name) {
        return client.resources(GitSync.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(NAMESPACE).withName(name).get();
    }

    private static Condition ready(GitSync gitSync) {
        assertThat(gitSync.getStatus()).isNotNull();
        return Conditions.find(gitSync.getStatus().getConditions(), GitSyncConditions.READY).orElseThrow();
    }
}
