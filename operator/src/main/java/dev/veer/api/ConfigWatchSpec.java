package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.consumers) || self.consumers.all(c, "
        + "self.consumers.exists_one(d, d.kind == c.kind && d.name == c.name))",
        message = "each consumer (kind and name) may be listed only once")
public class ConfigWatchSpec {

    @Required
    @JsonPropertyDescription("Where the configuration comes from.")
    private ConfigSource source;

    @Required
    @JsonPropertyDescription("The ConfigMap or Secret the configuration is materialised into.")
    private ConfigTarget target;

    @Size(max = 50)
    @JsonPropertyDescription("Workloads that use the configuration. A Deployment is rolled when it changes: Veer sets "
            + "the pod-template annotation veer.dev/config-hash-<ConfigWatch name> to the content hash, which starts "
            + "a rollout of new pods. A ServiceRollout is not written to: it names this ConfigWatch in its "
            + "spec.configFrom (found without being listed here); listing it checks that it does. At most 50 items.")
    private List<ConfigConsumer> consumers = new ArrayList<>();

    @Min(0)
    @Max(300)
    @Default("2")
    @JsonPropertyDescription("Seconds the source must be quiet before a change is materialised, so that a burst of "
            + "changes becomes one new version. A steady stream of changes is materialised at the latest five times "
            + "this long after its first change. 0 materialises every change at once.")
    private Integer debounceSeconds = 2;

    @Min(1)
    @Max(100)
    @Default("5")
    @JsonPropertyDescription("Number of versioned (content-named, immutable) objects and of Snapshots to keep, the "
            + "current one included. An older one is kept as long as a consumer's current pod template refers to it; "
            + "the Snapshots of the current, the last good and the in-use versions are always kept.")
    private Integer historyLimit = 5;

    @Default("false")
    @JsonPropertyDescription("Stop applying changes from the source; the last applied configuration stays.")
    private Boolean suspend = false;

    public ConfigSource getSource() {
        return source;
    }

    public void setSource(ConfigSource source) {
        this.source = source;
    }

    public ConfigTarget getTarget() {
        return target;
    }

    public void setTarget(ConfigTarget target) {
        this.target = target;
    }

    public List<ConfigConsumer> getConsumers() {
        return consumers;
    }

    public void setConsumers(List<ConfigConsumer> consumers) {
        this.consumers = consumers;
    }

    public Integer getDebounceSeconds() {
        return debounceSeconds;
    }

    public void setDebounceSeconds(Integer debounceSeconds) {
        this.debounceSeconds = debounceSeconds;
    }

    public Integer getHistoryLimit() {
        return historyLimit;
    }

    public void setHistoryLimit(Integer historyLimit) {
        this.historyLimit = historyLimit;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }
}
