package dev.veer.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The permissions Veer ships with (the OLM bundle's ClusterServiceVersion and the plain install manifest, as
 * committed) are the least Veer needs: no wildcard, no binding to a role that is not Veer's own (such as
 * {@code view}), every cluster-wide Secret verb justified below, and the leader-election Lease only in a namespaced
 * Role.
 */
class RbacLeastPrivilegeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path BUNDLE = Path.of(System.getProperty("veer.bundle.dir", "../bundle"));
    static final Path CSV = BUNDLE.resolve("manifests/veer.clusterserviceversion.yaml");
    static final Path INSTALL = BUNDLE.resolve("install/veer.yaml");

    /**
     * The Secret verbs Veer holds cluster-wide, each with its reason. RBAC cannot narrow a cluster-wide rule by label
     * or by a name chosen at run time, so Veer itself keeps to the Secrets named here (README, Security).
     */
    static final Map<String, String> CLUSTER_SECRET_VERBS = Map.of(
            "get", "credentials named by a spec (ConfigWatch spec.source.etcd.secretRef, a Prometheus analysis's "
                    + "secretRef) are read by name; a ConfigWatch reads back the version it restores",
            "list", "the informer over the ConfigWatch target Secrets that Veer owns (label selector "
                    + "app.kubernetes.io/managed-by=veer) lists before it watches",
            "watch", "that informer, and the by-name watch on a ConfigWatch's credentials Secret (a changed password "
                    + "reconnects at once)",
            "create", "server-side apply of a ConfigWatch target of kind Secret that does not exist yet: the API "
                    + "server authorizes such an apply as a create",
            "patch", "server-side apply of the ConfigWatch target Secrets that Veer owns",
            "delete", "versions of a ConfigWatch target Secret beyond spec.historyLimit");

    private static final Set<String> LEASE_VERBS = Set.of("get", "create", "update");

    record Grant(String where, boolean clusterWide, JsonNode rule) {

        Set<String> values(String field) {
            Set<String> values = new java.util.TreeSet<>();
            rule.path(field).forEach(v -> values.add(v.asText()));
            return values;
        }

        boolean covers(String group, String resource) {
            return values("apiGroups").contains(group) && values("resources").contains(resource);
        }
    }

    @Test
    void noRuleUsesAWildcard() throws IOException {
        for (Grant grant : allGrants()) {
            for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                assertThat(grant.values(field)).as("%s of a rule in %s: %s", field, grant.where(), grant.rule())
                        .noneMatch(v -> v.contains("*"));
            }
        }
    }

    @Test
    void everyClusterWideSecretVerbHasADocumentedReason() throws IOException {
        for (Grant grant : allGrants()) {
            if (grant.clusterWide() && grant.covers("", "secrets")) {
                assertThat(grant.values("verbs")).as("cluster-wide Secret verbs in %s without a reason in "
                        + "CLUSTER_SECRET_VERBS", grant.where()).isSubsetOf(CLUSTER_SECRET_VERBS.keySet());
            }
        }
    }

    @Test
    void theLeaseIsGrantedOnlyInANamespacedRole() throws IOException {
        List<Grant> grants = allGrants();
        assertThat(grants).as("cluster-wide Lease rules")
                .noneMatch(g -> g.clusterWide() && g.values("resources").contains("leases"));
        for (Path manifest : List.of(CSV, INSTALL)) {
            assertThat(grants).as("a namespaced Lease rule for leader election in %s", manifest.getFileName())
                    .anyMatch(g -> !g.clusterWide() && g.where().startsWith(manifest.getFileName().toString())
                            && g.covers("coordination.k8s.io", "leases")
                            && g.values("verbs").containsAll(LEASE_VERBS));
        }
    }

    @Test
    void theInstallManifestBindsOnlyItsOwnRolesToANamespacedServiceAccount() throws IOException {
        List<JsonNode> objects = documents(INSTALL);
        Set<String> roles = objects.stream().filter(o -> o.path("kind").asText().matches("Role|ClusterRole"))
                .map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText()).collect(Collectors.toSet());
        List<JsonNode> bindings = objects.stream()
                .filter(o -> o.path("kind").asText().matches("RoleBinding|ClusterRoleBinding")).toList();
        assertThat(bindings).isNotEmpty();
        for (JsonNode binding : bindings) {
            String name = binding.path("kind").asText() + " " + binding.at("/metadata/name").asText();
            assertThat(roles).as("the role %s binds", name)
                    .contains(binding.at("/roleRef/kind").asText() + "/" + binding.at("/roleRef/name").asText());
            for (JsonNode subject : binding.path("subjects")) {
                assertThat(subject.path("kind").asText()).as("subject of %s", name).isEqualTo("ServiceAccount");
                assertThat(subject.path("namespace").asText()).as("namespace of the subject of %s", name)
                        .isNotEmpty();
            }
        }
    }

    /** Every rule of both manifests, with whether it applies cluster-wide. */
    static List<Grant> allGrants() throws IOException {
        List<Grant> grants = new ArrayList<>();
        JsonNode spec = YAML.readTree(CSV.toFile()).at("/spec/install/spec");
        String csv = CSV.getFileName().toString();
        spec.path("clusterPermissions").forEach(p -> p.path("rules")
                .forEach(r -> grants.add(new Grant(csv + " clusterPermissions", true, r))));
        spec.path("permissions").forEach(p -> p.path("rules")
                .forEach(r -> grants.add(new Grant(csv + " permissions", false, r))));
        assertThat(Files.exists(INSTALL)).as("the install manifest %s", INSTALL).isTrue();
        for (JsonNode object : documents(INSTALL)) {
            String kind = object.path("kind").asText();
            if (kind.equals("ClusterRole") || kind.equals("Role")) {
                String where = INSTALL.getFileName() + " " + kind + " " + object.at("/metadata/name").asText();
                object.path("rules").forEach(r -> grants.add(new Grant(where, kind.equals("ClusterRole"), r)));
            }
        }
        return grants;
    }

    static List<JsonNode> documents(Path manifest) throws IOException {
        try (Stream<JsonNode> all = YAML.readValues(YAML.createParser(manifest.toFile()), JsonNode.class).readAll()
                .stream()) {
            return all.filter(d -> d != null && !d.isMissingNode() && !d.isEmpty()).toList();
        }
    }
}
