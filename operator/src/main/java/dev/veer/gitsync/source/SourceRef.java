package dev.veer.gitsync.source;

import dev.veer.api.GitRef;

/** The ref a GitSync follows, as a value: one of a branch, a tag, a semver range over tags, a commit. */
public sealed interface SourceRef {

    /** A stable text naming the ref, e.g. {@code branch:main}: part of a working copy's identity. */
    String describe();

    record Branch(String name) implements SourceRef {
        public String describe() {
            return "branch:" + name;
        }
    }

    record Tag(String name) implements SourceRef {
        public String describe() {
            return "tag:" + name;
        }
    }

    record Semver(String range) implements SourceRef {
        public String describe() {
            return "semver:" + range;
        }
    }

    record Commit(String sha) implements SourceRef {
        public String describe() {
            return "commit:" + sha;
        }
    }

    static SourceRef of(GitRef ref) {
        if (ref.getBranch() != null) {
            return new Branch(ref.getBranch());
        }
        if (ref.getTag() != null) {
            return new Tag(ref.getTag());
        }
        if (ref.getSemver() != null) {
            return new Semver(ref.getSemver());
        }
        if (ref.getCommit() != null) {
            return new Commit(ref.getCommit());
        }
        throw new IllegalArgumentException("ref names none of branch, tag, semver or commit");
    }
}
