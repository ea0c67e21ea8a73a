package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.e2e.cluster.BundlePermissions;
import dev.veer.e2e.cluster.E2eOperator;
import dev.veer.e2e.cluster.OperatorIdentity;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The identity the operator processes run as: the bundle's ServiceAccount, bound to exactly the ClusterServiceVersion's
 * permissions, so that a permission the operator lacks fails it here as it would under OLM.
 */
class OperatorIdentityE2ETest {

    @RegisterExtension
    static final E2eOperator veer = E2eOperator.withoutOperator();

    /** A request of the ServiceAccount: allowed exactly when a rule of the bundle grants it. */
    private record Request(String group, String resource, String subresource, String verb, boolean namespaced) {

        String resourcePath() {
            return subresource.isEmpty() ? resource : resource + "/" + subresource;
        }
    }

    @Test
    void serviceAccountMayDoExactlyWhatTheClusterServiceVersionGrants() {
        OperatorIdentity identity = veer.cluster().identity();
        BundlePermissions bundle = veer.cluster().permissions();
        List<Request> requests = List.of(
                new Request("apps", "deployments", "", "create", true),
                new Request("apps", "deployments", "", "patch", true),
                new Request("", "services", "", "create", true),
                new Request("", "configmaps", "", "delete", true),
                new Request("", "secrets", "", "get", true),
                new Request("", "events", "", "create", true),
                new Request("veer.dev", "servicerollouts", "status", "patch", true),
                new Request("veer.dev", "snapshots", "", "create", true),
                new Request("coordination.k8s.io", "leases", "", "create", true),
                new Request("coordination.k8s.io", "leases", "", "update", true),
                new Request("apiextensions.k8s.io", "customresourcedefinitions", "", "get", false),
                // Not in the bundle: must be refused.
                new Request("", "pods", "", "create", true),
                new Request("", "pods", "status", "patch", true),
                new Request("", "namespaces", "", "delete", false),
                new Request("apiextensions.k8s.io", "customresourcedefinitions", "", "create", false),
                new Request("rbac.authorization.k8s.io", "clusterroles", "", "create", false));

        SubjectAccessReview stranger = veer.client().resource(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser("veer-e2e:nobody").withNewResourceAttributes().withResource("namespaces")
                .withVerb("delete").endResourceAttributes().endSpec().build()).create();
        assertThat(stranger.getStatus().getAllowed())
                .as("the API server enforces RBAC (--authorization-mode includes RBAC, not AlwaysAllow): "
                        + "an unknown user may not delete namespaces")
                .isFalse();
        for (Request request : requests) {
            SubjectAccessReview review = veer.client().resource(new SubjectAccessReviewBuilder()
                    .withNewSpec().withUser(identity.username()).withGroups(identity.groups())
                    .withNewResourceAttributes()
                    .withNamespace(request.namespaced() ? veer.namespace() : null)
                    .withGroup(request.group()).withResource(request.resource())
                    .withSubresource(request.subresource()).withVerb(request.verb())
                    .endResourceAttributes().endSpec().build()).create();
            boolean expected = bundle.grants(request.group(), request.resourcePath(), request.verb(), false);
            assertThat(review.getStatus().getAllowed())
                    .as("%s %s.%s (bundle grants: %s; %s)", request.verb(), request.resourcePath(), request.group(),
                            expected, review.getStatus().getReason())
                    .isEqualTo(expected);
        }
    }

    @Test
    void impersonationThroughTheClientConfigurationMakesTheApiServerSeeTheServiceAccount() {
        OperatorIdentity identity = veer.cluster().identity();
        Config config = new ConfigBuilder(Config.autoConfigure(null))
                .withImpersonateUsername(identity.username())
                .withImpersonateGroups(identity.groups().toArray(String[]::new))
                .build();
        try (KubernetesClient asOperator = new KubernetesClientBuilder().withConfig(config).build()) {
            SelfSubjectReview review = asOperator.resource(new SelfSubjectReview()).create();
            assertThat(review.getStatus().getUserInfo().getUsername()).isEqualTo(identity.username());
            assertThat(review.getStatus().getUserInfo().getGroups()).containsAll(identity.groups());
        }
    }
}
