package dev.veer.gitsync.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;

/** A local clone a test commits to and pushes from, to a repository served by a real git server. */
public final class RepositoryWriter implements AutoCloseable {

    private final Git git;
    private final Path work;
    private final String remote;

    private RepositoryWriter(Git git, Path work, String remote) {
        this.git = git;
        this.work = work;
        this.remote = remote;
    }

    public static RepositoryWriter pushingTo(URI remote) {
        try {
            Path work = Files.createTempDirectory("veer-git-writer-");
            Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
            return new RepositoryWriter(git, work, remote.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes (or, with a null content, deletes) files, commits them, pushes main; returns the commit id. */
    public String commit(Map<String, String> files, String message) {
        try {
            for (var file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                if (file.getValue() == null) {
                    Files.deleteIfExists(path);
                    git.rm().addFilepattern(file.getKey()).call();
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                    git.add().addFilepattern(file.getKey()).call();
                }
            }
            String id = git.commit().setMessage(message).setAuthor("veer-test", "test@veer.dev")
                    .setCommitter("veer-test", "test@veer.dev").setSign(false).call().name();
            git.push().setRemote(remote).setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/main")).call();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tags the current commit (annotated) and pushes the tag. */
    public void tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setSigned(false)
                    .setTagger(new org.eclipse.jgit.lib.PersonIdent("veer-test", "test@veer.dev")).call();
            git.push().setRemote(remote).setRefSpecs(new RefSpec("refs/tags/" + name + ":refs/tags/" + name)).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
