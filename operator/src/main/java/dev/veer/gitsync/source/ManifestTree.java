package dev.veer.gitsync.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads the manifests under a directory of a commit straight from the repository's objects (no checkout, so GitSyncs
 * sharing a working copy never disturb each other): every {@code *.yaml}, {@code *.yml} and {@code *.json} file under
 * it, subdirectories included.
 */
final class ManifestTree {

    /** A manifest larger than this is refused: no Kubernetes object is anywhere near it. */
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private ManifestTree() {
    }

    static Map<String, String> read(Repository repository, ObjectId commitId, String path)
            throws IOException, FetchFailure {
        String directory = normalise(path);
        Map<String, String> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            if (!directory.isEmpty()) {
                tree.setFilter(PathFilter.create(directory));
            }
            boolean found = directory.isEmpty();
            while (tree.next()) {
                String file = tree.getPathString();
                found |= file.startsWith(directory + "/");
                if (!isManifest(file) || !(directory.isEmpty() || file.startsWith(directory + "/"))) {
                    continue;
                }
                var loader = repository.open(tree.getObjectId(0));
                if (loader.getSize() > MAX_FILE_BYTES) {
                    throw new FetchFailure(FetchFailure.Reason.FetchFailed, file + " is larger than "
                            + MAX_FILE_BYTES + " bytes", null);
                }
                files.put(file, new String(loader.getBytes(), StandardCharsets.UTF_8));
            }
            if (!found) {
                throw new FetchFailure(FetchFailure.Reason.PathNotFound, "path '" + path + "' is not a directory of "
                        + "commit " + commitId.name(), null);
            }
        }
        return files;
    }

    static String normalise(String path) {
        String p = path == null ? "" : path.trim();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.equals(".")) {
            p = "";
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean isManifest(String file) {
        return file.endsWith(".yaml") || file.endsWith(".yml") || file.endsWith(".json");
    }
}
