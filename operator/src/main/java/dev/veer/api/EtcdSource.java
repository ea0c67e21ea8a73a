package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.endpoints.all(e, e.startsWith('https://')) "
        + "|| self.endpoints.all(e, e.startsWith('http://'))",
        message = "endpoints must all use http or all use https")
public class EtcdSource {

    @Required
    @Size(min = 1, max = 10)
    @JsonPropertyDescription("Client URLs of the etcd members, e.g. https://etcd-0.etcd:2379. With https, the "
            + "Secret of secretRef gives the CA (ca.crt) and, for mutual TLS, the client certificate and key. At most "
            + "10 URLs of at most 256 characters each.")
    private List<@Size(max = 256) @Pattern("^https?://[^/?#\\s]+/?$") String> endpoints;

    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Key prefix to materialise, e.g. /apps/checkout/. Every key that starts with it is "
            + "part of the configuration, named by the rest of the key. End it with / so that /apps/checkout does "
            + "not also take /apps/checkout-old. At most 512 characters.")
    private String prefix;

    @JsonPropertyDescription("Secret in the ConfigWatch's namespace with the credentials: username and password "
            + "for etcd authentication, and/or ca.crt, tls.crt and tls.key (PEM, key in PKCS#8) for TLS.")
    private SecretRef secretRef;

    @Pattern("^([0-9]+(ms|s|m))+$")
    @Default("5s")
    @JsonPropertyDescription("How long to wait for a connection or an answer from etcd before counting it "
            + "unreachable, e.g. 5s or 500ms.")
    private String dialTimeout = "5s";

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public SecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(SecretRef secretRef) {
        this.secretRef = secretRef;
    }

    public String getDialTimeout() {
        return dialTimeout;
    }

    public void setDialTimeout(String dialTimeout) {
        this.dialTimeout = dialTimeout;
    }
}
