package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which commit of a repository to apply: exactly one of branch, tag, semver or commit. */
@ValidationRule(value = "[has(self.branch), has(self.tag), has(self.semver), has(self.commit)]"
        + ".filter(x, x).size() == 1", message = "ref needs exactly one of branch, tag, semver or commit")
public class GitRef {

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("A branch: its newest commit is applied, e.g. main.")
    private String branch;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("A tag: the commit it points to is applied, e.g. v1.4.0.")
    private String tag;

    @Size(min = 1, max = 128)
    @JsonPropertyDescription("A semantic version range over the repository's tags (a leading v is ignored): the "
            + "highest tag in range is applied. Comparators =, >, >=, <, <=, ~ (patch level), ^ (minor level), x "
            + "wildcards and ranges joined by spaces (and) or || (or), e.g. '>=1.2.0 <2.0.0' or '^1.4'. Pre-releases "
            + "are never chosen.")
    private String semver;

    @Pattern("^[0-9a-f]{40}$")
    @JsonPropertyDescription("A commit, by its full 40-hex-digit SHA-1.")
    private String commit;

    public static GitRef branch(String branch) {
        GitRef ref = new GitRef();
        ref.setBranch(branch);
        return ref;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getSemver() {
        return semver;
    }

    public void setSemver(String semver) {
        this.semver = semver;
    }

    public String getCommit() {
        return commit;
    }

    public void setCommit(String commit) {
        this.commit = commit;
    }
}
