package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.format == 'keys' ? !has(self.key) : has(self.key)",
        message = "key names the data key of the single file: required with format properties, json or yaml, "
                + "not allowed with format keys")
public class ConfigTarget {

    @Default("ConfigMap")
    @JsonPropertyDescription("ConfigMap, or Secret for confidential configuration.")
    private TargetKind kind = TargetKind.ConfigMap;

    @Required
    @Size(max = 242)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @JsonPropertyDescription("Name of the object that holds the current configuration. Each version is also kept "
            + "in an immutable object named <name>-<content hash> (hence at most 242 characters).")
    private String name;

    @Default("keys")
    @JsonPropertyDescription("keys: one data key per etcd key, named by the key without the prefix and escaped to "
            + "[-._a-zA-Z0-9]: '/' becomes '__', any other character outside [-.a-zA-Z0-9] (and '_' itself, and a "
            + "leading '.') becomes '_' and two hex digits per UTF-8 byte, e.g. db/max_idle becomes db__max_5Fidle. "
            + "properties, json, yaml: one file under target.key holding every key (without the prefix) and value.")
    private ConfigFormat format = ConfigFormat.keys;

    @Size(max = 253)
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Data key of the file for format properties, json or yaml, e.g. application.yaml.")
    private String key;

    public TargetKind getKind() {
        return kind;
    }

    public void setKind(TargetKind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ConfigFormat getFormat() {
        return format;
    }

    public void setFormat(ConfigFormat format) {
        this.format = format;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
