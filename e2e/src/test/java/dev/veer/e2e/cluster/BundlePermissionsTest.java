package dev.veer.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

class BundlePermissionsTest {

    private static final Path CSV = Path.of(System.getProperty("veer.repo.root", ".."),
            "bundle/manifests/veer.clusterserviceversion.yaml");
    private static final OperatorIdentity IDENTITY = new OperatorIdentity("veer-e2e-operator-x", "veer");

    @Test
    void theCommittedBundleGrantsTheOperatorsClusterRulesToServiceAccountVeer() {
        BundlePermissions bundle = BundlePermissions.read(CSV);

        assertThat(bundle.serviceAccount()).isEqualTo("veer");
        assertThat(bundle.clusterRules()).isNotEmpty();
        assertThat(bundle.grants("coordination.k8s.io", "leases", "create", true))
                .as("the Lease, in the operator's namespace").isTrue();
        assertThat(bundle.grants("coordination.k8s.io", "leases", "create", false))
                .as("no Lease rule cluster-wide").isFalse();
        assertThat(bundle.grants("apps", "deployments", "patch", false)).isTrue();
        assertThat(bundle.grants("veer.dev", "servicerollouts/status", "patch", false)).isTrue();
        assertThat(bundle.grants("apiextensions.k8s.io", "customresourcedefinitions", "get", false)).isTrue();
        assertThat(bundle.grants("apiextensions.k8s.io", "customresourcedefinitions", "create", false)).isFalse();
        assertThat(bundle.grants("", "pods", "create", false)).isFalse();
        assertThat(bundle.grants("", "pods/status", "patch", false)).isFalse();
    }

    @Test
    void clusterRulesBecomeAClusterRoleAndTheLeaseRuleARoleBoundToTheServiceAccountOnly() {
        BundlePermissions bundle = BundlePermissions.read(CSV);

        var objects = bundle.objectsFor(IDENTITY, "veer-e2e-x");

        assertThat(objects).hasSize(4);
        assertThat(((Role) objects.get(2)).getMetadata().getNamespace()).isEqualTo("veer-e2e-operator-x");
        assertThat(((Role) objects.get(2)).getRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getResources()).containsExactly("leases"));
        assertThat(((RoleBinding) objects.get(3)).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("veer"));
        ClusterRole role = (ClusterRole) objects.get(0);
        assertThat(role.getMetadata().getName()).isEqualTo("veer-e2e-x");
        assertThat(role.getRules()).isEqualTo(bundle.clusterRules());
        ClusterRoleBinding binding = (ClusterRoleBinding) objects.get(1);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("veer-e2e-x");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("veer");
            assertThat(subject.getNamespace()).isEqualTo("veer-e2e-operator-x");
        });
    }

    @Test
    void namespacePermissionsBecomeARoleInTheOperatorsNamespace() {
        BundlePermissions bundle = BundlePermissions.parse("""
                apiVersion: operators.coreos.com/v1alpha1
                kind: ClusterServiceVersion
                metadata: {name: x}
                spec:
                  install:
                    spec:
                      permissions:
                        - serviceAccountName: veer
                          rules:
                            - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update]}
                """);

        var objects = bundle.objectsFor(IDENTITY, "veer-e2e-x");

        assertThat(objects).hasSize(2);
        Role role = (Role) objects.get(0);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("veer-e2e-operator-x");
        assertThat(role.getRules()).singleElement().satisfies(rule -> assertThat(rule.getVerbs())
                .containsExactly("get", "create", "update"));
        RoleBinding binding = (RoleBinding) objects.get(1);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo("veer-e2e-operator-x");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(bundle.grants("coordination.k8s.io", "leases", "create", true)).isTrue();
        assertThat(bundle.grants("coordination.k8s.io", "leases", "create", false))
                .as("namespace rules hold in the operator's namespace only").isFalse();
    }

    @Test
    void permissionsOfTwoServiceAccountsAreRefused() {
        assertThatThrownBy(() -> BundlePermissions.parse("""
                apiVersion: operators.coreos.com/v1alpha1
                kind: ClusterServiceVersion
                metadata: {name: x}
                spec:
                  install:
                    spec:
                      clusterPermissions: [{serviceAccountName: a, rules: []}]
                      permissions: [{serviceAccountName: b, rules: []}]
                """)).hasMessageContaining("exactly one ServiceAccount").hasMessageContaining("[a, b]");
    }
}
