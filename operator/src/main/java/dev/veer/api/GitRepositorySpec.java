package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The repository a GitSync applies, the commit it takes and how it reaches it. */
public class GitRepositorySpec {

    @Required
    @Size(max = 2048)
    @ValidationRule(value = "self.matches('^(https?|ssh|git|file)://[^ ]+$') || self.matches('^[^ @/]+@[^ :/]+:[^ ]+$')",
            message = "url must be an https://, http://, ssh://, git:// or file:// URL, or user@host:path")
    @JsonPropertyDescription("URL of the repository: https://, http://, ssh://, git://, file:// or the scp form "
            + "user@host:path (SSH).")
    private String url;

    @Required
    @JsonPropertyDescription("The commit to apply: a branch, a tag, a semantic version range over tags, or a commit.")
    private GitRef ref;

    @JsonPropertyDescription("A Secret in the GitSync's namespace with the credentials. HTTPS: username and password "
            + "(a token goes in password), or bearerToken. SSH: identity (an OpenSSH private key) and known_hosts "
            + "(required: hosts are verified). Never logged.")
    private SecretRef secretRef;

    @Default("1m")
    @Pattern(VeerApi.DURATION_PATTERN)
    @JsonPropertyDescription("How often the repository is fetched and the cluster compared with it (drift), e.g. 1m. "
            + "A webhook push fetches at once.")
    private String interval = "1m";

    @Default("60s")
    @Pattern(VeerApi.DURATION_PATTERN)
    @JsonPropertyDescription("How long a fetch may take before it fails, e.g. 60s.")
    private String timeout = "60s";

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public GitRef getRef() {
        return ref;
    }

    public void setRef(GitRef ref) {
        this.ref = ref;
    }

    public SecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(SecretRef secretRef) {
        this.secretRef = secretRef;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }
}
