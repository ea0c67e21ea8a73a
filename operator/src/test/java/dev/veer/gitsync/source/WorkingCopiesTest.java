package dev.veer.gitsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.veer.testing.servers.GitDaemonExtension;

/** Fetching refs from a real git daemon into shared working copies. */
class WorkingCopiesTest {

    @RegisterExtension
    static final GitDaemonExtension gitDaemon = new GitDaemonExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static int repositories;

    @TempDir
    Path cache;

    private WorkingCopies copies;
    private URI uri;
    private RepositoryWriter writer;

    @BeforeEach
    void newRepository() {
        copies = new WorkingCopies(cache.toString());
        uri = gitDaemon.createBareRepository("app-" + (++repositories));
        writer = RepositoryWriter.pushingTo(uri);
    }

    @Test
    void aBranchGivesItsNewestCommitAndEveryManifestUnderThePath() throws Exception {
        String first = writer.commit(Map.of("deploy/a.yaml", "kind: A\n", "deploy/sub/b.json", "{}",
                "deploy/README.md", "not a manifest", "other/c.yaml", "kind: C\n"), "first");

        FetchedCommit fetched = fetch(new SourceRef.Branch("main"), "./deploy/");

        assertThat(fetched.commit()).isEqualTo(first);
        assertThat(fetched.files()).containsOnlyKeys("deploy/a.yaml", "deploy/sub/b.json");
        assertThat(fetched.files().get("deploy/a.yaml")).isEqualTo("kind: A\n");

        String second = writer.commit(Map.of("deploy/a.yaml", "kind: A2\n"), "second");
        FetchedCommit again = fetch(new SourceRef.Branch("main"), "deploy");
        assertThat(again.commit()).isEqualTo(second);
        assertThat(again.files().get("deploy/a.yaml")).isEqualTo("kind: A2\n");
    }

    @Test
    void theWholeRepositoryIsReadWhenThePathIsTheRoot() throws Exception {
        writer.commit(Map.of("a.yml", "x: 1\n", "deep/er/b.yaml", "y: 2\n"), "files");

        assertThat(fetch(new SourceRef.Branch("main"), ".").files()).containsOnlyKeys("a.yml", "deep/er/b.yaml");
    }

    @Test
    void aTagGivesTheCommitItPointsToNotTheBranchHead() throws Exception {
        String tagged = writer.commit(Map.of("a.yaml", "v: 1\n"), "one");
        writer.tag("v1.0.0");
        writer.commit(Map.of("a.yaml", "v: 2\n"), "two");

        FetchedCommit fetched = fetch(new SourceRef.Tag("v1.0.0"), ".");

        assertThat(fetched.commit()).isEqualTo(tagged);
        assertThat(fetched.files().get("a.yaml")).isEqualTo("v: 1\n");
    }

    @Test
    void aSemverRangeTakesTheHighestReleaseTagInRange() throws Exception {
        writer.commit(Map.of("a.yaml", "v: 1.2.0\n"), "1.2.0");
        writer.tag("v1.2.0");
        String wanted = writer.commit(Map.of("a.yaml", "v: 1.4.1\n"), "1.4.1");
        writer.tag("v1.4.1");
        writer.commit(Map.of("a.yaml", "v: 1.5.0-rc.1\n"), "rc");
        writer.tag("v1.5.0-rc.1");
        writer.commit(Map.of("a.yaml", "v: 2.0.0\n"), "2.0.0");
        writer.tag("v2.0.0");

        FetchedCommit fetched = fetch(new SourceRef.Semver("^1.2"), ".");

        assertThat(fetched.commit()).isEqualTo(wanted);
        assertThat(fetched.files().get("a.yaml")).isEqualTo("v: 1.4.1\n");
    }

    @Test
    void aCommitIsFetchedByIdEvenWhenNoLongerAtTheHeadOfABranch() throws Exception {
        String old = writer.commit(Map.of("a.yaml", "v: old\n"), "old");
        writer.commit(Map.of("a.yaml", "v: new\n"), "new");

        FetchedCommit fetched = fetch(new SourceRef.Commit(old), ".");

        assertThat(fetched.commit()).isEqualTo(old);
        assertThat(fetched.files().get("a.yaml")).isEqualTo("v: old\n");
    }

    @Test
    void gitSyncsFollowingTheSameRefOfTheSameUrlShareOneWorkingCopy() throws Exception {
        writer.commit(Map.of("a/x.yaml", "a: 1\n", "b/y.yaml", "b: 1\n"), "files");

        FetchedCommit one = fetch(new SourceRef.Branch("main"), "a");
        FetchedCommit two = fetch(new SourceRef.Branch("main"), "b");
        fetch(new SourceRef.Tag("none-yet"), ".", true);

        assertThat(one.commit()).isEqualTo(two.commit());
        assertThat(copies.directoryOf(uri.toString(), new SourceRef.Branch("main")))
                .isNotEqualTo(copies.directoryOf(uri.toString(), new SourceRef.Tag("none-yet")));
        try (Stream<Path> dirs = Files.list(cache)) {
            assertThat(dirs.toList()).hasSize(2);
        }
    }

    @Test
    void aMissingBranchIsRefNotFound() {
        writer.commit(Map.of("a.yaml", "a: 1\n"), "files");

        assertThatThrownBy(() -> fetch(new SourceRef.Branch("nope"), "."))
                .isInstanceOfSatisfying(FetchFailure.class,
                        f -> assertThat(f.reason()).isEqualTo(FetchFailure.Reason.RefNotFound));
    }

    @Test
    void aSemverRangeWithNoTagInItIsRefNotFound() {
        writer.commit(Map.of("a.yaml", "a: 1\n"), "files");
        writer.tag("v1.0.0");

        assertThatThrownBy(() -> fetch(new SourceRef.Semver(">=3"), "."))
                .isInstanceOfSatisfying(FetchFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(FetchFailure.Reason.RefNotFound);
                    assertThat(f.getMessage()).contains(">=3");
                });
    }

    @Test
    void aPathThatIsNotInTheCommitIsPathNotFound() {
        writer.commit(Map.of("a/x.yaml", "a: 1\n"), "files");

        assertThatThrownBy(() -> fetch(new SourceRef.Branch("main"), "b"))
                .isInstanceOfSatisfying(FetchFailure.class,
                        f -> assertThat(f.reason()).isEqualTo(FetchFailure.Reason.PathNotFound));
    }

    private FetchedCommit fetch(SourceRef ref, String path) throws FetchFailure {
        return copies.fetch(uri.toString(), ref, GitCredentials.NONE, TIMEOUT, path);
    }

    private void fetch(SourceRef ref, String path, boolean expectFailure) throws IOException {
        try {
            fetch(ref, path);
        } catch (FetchFailure expected) {
            assertThat(expectFailure).isTrue();
        }
    }
}
