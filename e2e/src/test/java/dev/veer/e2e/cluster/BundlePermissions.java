package dev.veer.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The RBAC of the generated OLM bundle, read from its ClusterServiceVersion: {@code spec.install.spec.clusterPermissions}
 * (cluster-wide rules) and {@code spec.install.spec.permissions} (rules in the operator's namespace), each for a
 * ServiceAccount. {@link #objectsFor} turns them into what OLM would create: a ClusterRole and ClusterRoleBinding, and
 * a Role and RoleBinding in the operator's namespace, bound to the ServiceAccount and nothing more.
 */
public final class BundlePermissions {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String serviceAccount;
    private final List<PolicyRule> clusterRules;
    private final List<PolicyRule> namespaceRules;

    private BundlePermissions(String serviceAccount, List<PolicyRule> clusterRules, List<PolicyRule> namespaceRules) {
        this.serviceAccount = serviceAccount;
        this.clusterRules = List.copyOf(clusterRules);
        this.namespaceRules = List.copyOf(namespaceRules);
    }

    public static BundlePermissions read(Path clusterServiceVersion) {
        try {
            return parse(Files.readString(clusterServiceVersion));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + clusterServiceVersion, e);
        }
    }

    public static BundlePermissions parse(String yaml) {
        GenericKubernetesResource csv = SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class);
        if (!"ClusterServiceVersion".equals(csv.getKind())) {
            throw new IllegalArgumentException("not a ClusterServiceVersion: kind " + csv.getKind());
        }
        Map<String, Object> install = csv.get("spec", "install", "spec");
        if (install == null) {
            throw new IllegalArgumentException("the ClusterServiceVersion has no spec.install.spec");
        }
        List<String> accounts = new ArrayList<>();
        List<PolicyRule> cluster = rules(install.get("clusterPermissions"), accounts);
        List<PolicyRule> namespaced = rules(install.get("permissions"), accounts);
        List<String> distinct = accounts.stream().distinct().toList();
        if (distinct.size() != 1) {
            throw new IllegalArgumentException("expected the permissions of exactly one ServiceAccount, found " + distinct);
        }
        return new BundlePermissions(distinct.get(0), cluster, namespaced);
    }

    @SuppressWarnings("unchecked")
    private static List<PolicyRule> rules(Object permissions, List<String> accounts) {
        List<PolicyRule> rules = new ArrayList<>();
        if (permissions == null) {
            return rules;
        }
        for (Map<String, Object> entry : (List<Map<String, Object>>) permissions) {
            accounts.add((String) entry.get("serviceAccountName"));
            for (Object rule : (List<Object>) entry.getOrDefault("rules", List.of())) {
                rules.add(SERIALIZATION.convertValue(rule, PolicyRule.class));
            }
        }
        return rules;
    }

    /** The ServiceAccount the bundle's Deployment runs as ({@code serviceAccountName} of the permissions). */
    public String serviceAccount() {
        return serviceAccount;
    }

    public List<PolicyRule> clusterRules() {
        return clusterRules;
    }

    public List<PolicyRule> namespaceRules() {
        return namespaceRules;
    }

    /**
     * The roles and bindings OLM would create for {@code identity}: a ClusterRole and ClusterRoleBinding named
     * {@code name} when there are cluster rules, a Role and RoleBinding named {@code name} in the identity's namespace
     * when there are namespace rules.
     */
    public List<HasMetadata> objectsFor(OperatorIdentity identity, String name) {
        List<HasMetadata> objects = new ArrayList<>();
        if (!clusterRules.isEmpty()) {
            objects.add(new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
                    .withRules(clusterRules).build());
            objects.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                    .addNewSubject().withKind("ServiceAccount").withName(identity.serviceAccount())
                    .withNamespace(identity.namespace()).endSubject()
                    .build());
        }
        if (!namespaceRules.isEmpty()) {
            objects.add(new RoleBuilder().withNewMetadata().withName(name).withNamespace(identity.namespace())
                    .endMetadata().withRules(namespaceRules).build());
            objects.add(new RoleBindingBuilder().withNewMetadata().withName(name).withNamespace(identity.namespace())
                    .endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                    .addNewSubject().withKind("ServiceAccount").withName(identity.serviceAccount())
                    .withNamespace(identity.namespace()).endSubject()
                    .build());
        }
        return objects;
    }

    /**
     * Whether a rule grants {@code verb} on {@code resource} (e.g. {@code deployments}, {@code pods/status}) of API
     * group {@code group} ({@code ""} for the core group), in the cluster rules or, when {@code inOperatorNamespace},
     * also in the namespace rules. Resource names are not considered: the bundle uses none.
     */
    public boolean grants(String group, String resource, String verb, boolean inOperatorNamespace) {
        List<PolicyRule> all = new ArrayList<>(clusterRules);
        if (inOperatorNamespace) {
            all.addAll(namespaceRules);
        }
        return all.stream().anyMatch(rule -> matches(rule.getApiGroups(), group)
                && matches(rule.getResources(), resource) && matches(rule.getVerbs(), verb));
    }

    private static boolean matches(List<String> values, String value) {
        return values != null && (values.contains(value) || values.contains("*"));
    }
}
