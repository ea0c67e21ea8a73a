package dev.veer.gitsync.source;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The local copies of the repositories GitSyncs follow: one bare repository per (URL, ref), shared by every GitSync
 * that follows the same ref of the same URL, fetched shallow (depth 1) where the ref allows it. Every GitSync fetches
 * with its own credentials before reading, so one whose credentials the server refuses never reads what another
 * fetched. Fetches of one copy are serialised; different copies are fetched in parallel.
 */
@ApplicationScoped
public class WorkingCopies {

    private final Path root;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param root where the working copies are kept; empty: veer-gitsync in the JVM's temporary directory */
    public WorkingCopies(@ConfigProperty(name = "veer.gitsync.cache-dir", defaultValue = " ") String root) {
        this.root = root.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "veer-gitsync") : Path.of(root);
    }

    /** Fetches the ref and reads the manifests under {@code path} of the commit it names. */
    public FetchedCommit fetch(String url, SourceRef ref, GitCredentials credentials, Duration timeout, String path)
            throws FetchFailure {
        Path directory = directoryOf(url, ref);
        synchronized (locks.computeIfAbsent(directory.toString(), k -> new Object())) {
            try (Repository repository = open(directory);
                    TransportSettings transport = new TransportSettings(credentials,
                            (int) Math.max(1, timeout.toSeconds()))) {
                ObjectId commit = fetchRef(repository, url, ref, transport);
                return new FetchedCommit(commit.name(), ManifestTree.read(repository, commit, path));
            } catch (IOException e) {
                throw new FetchFailure(FetchFailure.Reason.FetchFailed, "working copy " + directory + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** The directory of the working copy of (url, ref). */
    public Path directoryOf(String url, SourceRef ref) {
        return root.resolve(sha256(url + "\n" + ref.describe()).substring(0, 32));
    }

    private static ObjectId fetchRef(Repository repository, String url, SourceRef ref, TransportSettings transport)
            throws FetchFailure, IOException {
        try (Git git = new Git(repository)) {
            if (ref instanceof SourceRef.Branch branch) {
                return fetchNamed(git, url, "refs/heads/" + branch.name(), transport);
            }
            if (ref instanceof SourceRef.Tag tag) {
                return fetchNamed(git, url, "refs/tags/" + tag.name(), transport);
            }
            if (ref instanceof SourceRef.Semver semver) {
                return fetchNamed(git, url, "refs/tags/" + highestTag(git, url, semver, transport), transport);
            }
            return fetchCommit(git, url, ObjectId.fromString(((SourceRef.Commit) ref).sha()), transport);
        } catch (GitAPIException e) {
            throw classify(url, e);
        }
    }

    private static ObjectId fetchNamed(Git git, String url, String refName, TransportSettings transport)
            throws GitAPIException, IOException, FetchFailure {
        transport.configure(git.fetch().setRemote(url).setRefSpecs("+" + refName + ":" + refName).setDepth(1)
                .setTagOpt(org.eclipse.jgit.transport.TagOpt.NO_TAGS)).call();
        ObjectId commit = git.getRepository().resolve(refName + "^{commit}");
        if (commit == null) {
            throw new FetchFailure(FetchFailure.Reason.RefNotFound, refName + " not found in " + url, null);
        }
        return commit;
    }

    private static String highestTag(Git git, String url, SourceRef.Semver semver, TransportSettings transport)
            throws GitAPIException, FetchFailure {
        SemverRange range;
        try {
            range = SemverRange.parse(semver.range());
        } catch (IllegalArgumentException e) {
            throw new FetchFailure(FetchFailure.Reason.InvalidRef, e.getMessage(), e);
        }
        Map<String, String> versions = new ConcurrentHashMap<>();
        for (Ref tag : transport.configure(Git.lsRemoteRepository().setRemote(url).setTags(true)
                .setHeads(false)).call()) {
            String name = tag.getName().substring("refs/tags/".length());
            if (!name.endsWith("^{}")) {
                SemanticVersion.parse(name).ifPresent(v -> versions.merge(v.toString(), name,
                        (a, b) -> a.compareTo(b) <= 0 ? a : b));
            }
        }
        Optional<SemanticVersion> highest = range.highest(versions.keySet().stream()
                .map(v -> SemanticVersion.parse(v).orElseThrow()).toList());
        return versions.get(highest.orElseThrow(() -> new FetchFailure(FetchFailure.Reason.RefNotFound,
                "no tag of " + url + " is in semver range '" + range + "'", null)).toString());
    }

    /**
     * A commit never changes: one already in the copy is not fetched again. Otherwise it is asked for by id, depth 1
     * (servers speaking protocol v2 or allowing reachable ids in wants answer), else every branch and tag is fetched
     * in full and searched.
     */
    private static ObjectId fetchCommit(Git git, String url, ObjectId commit, TransportSettings transport)
            throws GitAPIException, IOException, FetchFailure {
        Repository repository = git.getRepository();
        if (hasCommit(repository, commit)) {
            return commit;
        }
        try {
            transport.configure(git.fetch().setRemote(url).setRefSpecs(commit.name() + ":refs/veer/commit")
                    .setDepth(1)).call();
        } catch (TransportException e) {
            if (isAuthentication(e)) {
                throw e;
            }
            transport.configure(git.fetch().setRemote(url).setRefSpecs("+refs/heads/*:refs/heads/*",
                    "+refs/tags/*:refs/tags/*")).call();
        }
        if (!hasCommit(repository, commit)) {
            throw new FetchFailure(FetchFailure.Reason.RefNotFound, "commit " + commit.name() + " not found in "
                    + url, null);
        }
        return commit;
    }

    private static boolean hasCommit(Repository repository, ObjectId commit) throws IOException {
        try {
            repository.parseCommit(commit);
            return true;
        } catch (MissingObjectException e) {
            return false;
        }
    }

    private static FetchFailure classify(String url, GitAPIException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase();
        if (isAuthentication(e)) {
            return new FetchFailure(FetchFailure.Reason.AuthenticationFailed, "authentication to " + url
                    + " failed: " + message, e);
        }
        if (lower.contains("host key") || lower.contains("server key") || lower.contains("known_hosts")) {
            return new FetchFailure(FetchFailure.Reason.HostKeyRejected, message, e);
        }
        if (lower.contains("remote does not have") || e instanceof InvalidRemoteException
                && lower.contains("not found")) {
            return new FetchFailure(FetchFailure.Reason.RefNotFound, message, e);
        }
        return new FetchFailure(FetchFailure.Reason.FetchFailed, message, e);
    }

    private static boolean isAuthentication(Exception e) {
        String lower = String.valueOf(e.getMessage()).toLowerCase();
        return lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || lower.contains("no more authentication methods") || lower.contains("cannot log in") || lower.contains("credentialsprovider");
    }

    private static Repository open(Path directory) throws IOException {
        File dir = directory.toFile();
        Repository repository = new FileRepositoryBuilder().setGitDir(dir).setBare().build();
        if (!Files.exists(directory.resolve("HEAD"))) {
            Files.createDirectories(directory);
            repository.create(true);
            // Protocol v2: lets servers hand out a commit by id (fetchCommit) and filters advertised refs.
            repository.getConfig().setInt("protocol", null, "version", 2);
            repository.getConfig().save();
        }
        return repository;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
