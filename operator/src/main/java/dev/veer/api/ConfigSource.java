package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class ConfigSource {

    @Required
    @JsonPropertyDescription("An etcd v3 cluster and the key prefix to watch.")
    private EtcdSource etcd;

    public EtcdSource getEtcd() {
        return etcd;
    }

    public void setEtcd(EtcdSource etcd) {
        this.etcd = etcd;
    }
}
