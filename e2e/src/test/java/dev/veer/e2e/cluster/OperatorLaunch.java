package dev.veer.e2e.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one operator process is started: the production jar ({@code quarkus-run.jar}, prod profile, so leader election
 * is on and {@code quarkus.operator-sdk.crd.validate} checks the installed CRDs) on its own HTTP port, impersonating
 * the bundle's ServiceAccount, holding the Lease {@code leaseName} as {@code holderIdentity}. JOSDK takes the holder
 * identity from {@code HOSTNAME} (a pod's name in a cluster); two operators on one host need two. Text logs, so a
 * reader can follow the log file. Pure: {@link #command()} and {@link #environment()} are what the process gets.
 */
public record OperatorLaunch(Path java, Path jar, int httpPort, OperatorIdentity identity, String leaseName,
        String holderIdentity, Path logFile) {

    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Set on top of the test JVM's environment (which carries KUBECONFIG). */
    public Map<String, String> environment() {
        Map<String, String> environment = new java.util.LinkedHashMap<>(identity.environment());
        environment.put("HOSTNAME", holderIdentity);
        environment.put("VEER_LEADER_ELECTION_LEASE_NAME", leaseName);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        environment.put("QUARKUS_LOG_CONSOLE_JSON", "false");
        return environment;
    }

    /** The environment of the process: {@code inherited} without a profile override, plus {@link #environment()}. */
    public void adjust(Map<String, String> inherited) {
        // A profile chosen in the caller's shell would not be the production runtime this suite is about.
        inherited.remove("QUARKUS_PROFILE");
        inherited.keySet().removeIf(name -> name.startsWith("KUBERNETES_IMPERSONATE_"));
        inherited.putAll(environment());
    }
}
