package dev.veer.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real git daemon, cloned from and pushed to with JGit over git://. */
class GitDaemonTest {

    @RegisterExtension
    static final GitDaemonExtension gitDaemon = new GitDaemonExtension();

    @TempDir
    Path work;

    @Test
    void commitPushedToAnEmptyRepositoryShowsUpInAFreshClone() throws Exception {
        URI uri = gitDaemon.createBareRepository("app-config");
        PersonIdent author = new PersonIdent("Veer Test", "veer-test@example.invalid");

        RevCommit pushed;
        try (Git first = Git.cloneRepository().setURI(uri.toString()).setDirectory(work.resolve("first").toFile())
                .call()) {
            Files.writeString(work.resolve("first/rollout.yaml"), "replicas: 3\n");
            first.add().addFilepattern("rollout.yaml").call();
            pushed = first.commit().setMessage("Add rollout").setAuthor(author).setCommitter(author).setSign(false)
                    .call();
            Iterable<PushResult> results = first.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();

            assertThat(results).flatExtracting(PushResult::getRemoteUpdates)
                    .extracting(RemoteRefUpdate::getStatus).containsExactly(RemoteRefUpdate.Status.OK);
        }

        try (Git second = Git.cloneRepository().setURI(uri.toString()).setDirectory(work.resolve("second").toFile())
                .call()) {
            assertThat(second.getRepository().getBranch()).isEqualTo("main");
            assertThat(second.getRepository().resolve("HEAD")).isEqualTo(pushed.getId());
            assertThat(work.resolve("second/rollout.yaml")).hasContent("replicas: 3");
        }
    }
}
