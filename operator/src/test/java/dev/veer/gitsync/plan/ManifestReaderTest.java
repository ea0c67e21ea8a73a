package dev.veer.gitsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.veer.api.GitSyncError;
import dev.veer.gitsync.plan.GitSyncConditions.Reason;

class ManifestReaderTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    /** What the API server serves in these tests: core and apps kinds; Namespace and ClusterRole cluster-scoped. */
    static final ApiScopes SCOPES = (apiVersion, kind) -> switch (kind) {
        case "Namespace", "ClusterRole", "CustomResourceDefinition" -> Optional.of(false);
        case "ConfigMap", "Deployment", "Service", "Secret", "ServiceRollout" -> Optional.of(true);
        default -> Optional.empty();
    };

    static ManifestReader.Settings settings(boolean ownNamespaceOnly, String targetNamespace,
            Map<String, String> variables) {
        return new ManifestReader.Settings("team-a", "app", COMMIT, targetNamespace, ownNamespaceOnly, variables);
    }

    static Rendered read(Map<String, String> files) {
        return ManifestReader.read(new TreeMap<>(files), settings(false, null, Map.of()), SCOPES);
    }

    static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n";
    }

    @Test
    void everyDocumentOfEveryFileIsAnObjectWithOwnershipAndCommitAnnotations() {
        Rendered rendered = read(Map.of(
                "deploy/a.yaml", configMap("one") + "---\n" + configMap("two") + "--- # comment\n\n---\n",
                "deploy/b.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"three\","
                        + "\"namespace\":\"other\"}}"));

        assertThat(rendered.errors()).isEmpty();
        assertThat(rendered.manifests()).extracting(m -> m.id().toString())
                .containsExactly("ConfigMap team-a/one", "ConfigMap team-a/two", "ConfigMap other/three");
        Manifest one = rendered.manifests().get(0);
        assertThat(one.annotation(ManifestReader.COMMIT)).isEqualTo(COMMIT);
        assertThat(one.annotation(ManifestReader.OWNER)).isEqualTo("team-a/app");
        assertThat(rendered.manifests().get(1).document()).isEqualTo(1);
    }

    @Test
    void crdsThenNamespacesAreAppliedBeforeEverythingElse() {
        Rendered rendered = read(Map.of(
                "a.yaml", configMap("cm"),
                "b.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n",
                "c.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                        + "  name: widgets.acme.io\nspec:\n  group: acme.io\n  scope: Namespaced\n  names:\n"
                        + "    kind: Widget\n",
                "d.yaml", "apiVersion: acme.io/v1\nkind: Widget\nmetadata:\n  name: w\n"));

        assertThat(rendered.errors()).isEmpty();
        assertThat(rendered.manifests()).extracting(m -> m.id().getKind())
                .containsExactly("CustomResourceDefinition", "Namespace", "ConfigMap", "Widget");
        assertThat(rendered.manifests().get(3).id().getNamespace()).as("a kind its own CRD makes namespaced")
                .isEqualTo("team-a");
        assertThat(rendered.manifests().get(1).body().path("metadata").has("namespace")).isFalse();
    }

    @Test
    void targetNamespaceOverridesTheManifestsNamespaceOfNamespacedObjectsOnly() {
        Rendered rendered = ManifestReader.read(Map.of("a.yaml", configMap("cm").replace("name: cm",
                "name: cm\n  namespace: elsewhere"), "b.yaml", "apiVersion: rbac.authorization.k8s.io/v1\n"
                        + "kind: ClusterRole\nmetadata:\n  name: reader\n"),
                settings(false, "prod", Map.of()), SCOPES);

        assertThat(rendered.manifests()).extracting(m -> m.id().toString())
                .containsExactlyInAnyOrder("ConfigMap prod/cm", "ClusterRole reader");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad YAML               | 'apiVersion: v1\nkind: [ConfigMap\n'                    | not valid YAML",
            "a list, not an object  | '- a\n- b\n'                                            | must be a Kubernetes object",
            "no kind                | 'apiVersion: v1\nmetadata:\n  name: x\n'               | missing kind",
            "no name                | 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n'      | missing metadata.name",
            "an unknown kind        | 'apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g\n' | serves no kind Gadget" })
    void aBadDocumentIsNamedByFileAndIndexAndNothingIsApplied(String what, String document, String message) {
        Rendered rendered = read(Map.of("apps/good.yaml", configMap("fine"), "apps/bad.yaml",
                configMap("first") + "---\n" + document));

        assertThat(rendered.valid()).isFalse();
        assertThat(rendered.reason()).isEqualTo(Reason.InvalidManifests);
        assertThat(rendered.errors()).singleElement().satisfies(e -> {
            assertThat(e.getFile()).isEqualTo("apps/bad.yaml");
            assertThat(e.getDocument()).isEqualTo(1);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void theSameObjectTwiceIsAnError() {
        Rendered rendered = read(Map.of("a.yaml", configMap("x"), "b.yaml", configMap("x")));

        assertThat(rendered.errors()).extracting(GitSyncError::getMessage)
                .containsExactly("ConfigMap team-a/x is also defined in a.yaml document 0");
    }

    @Test
    void withoutAServiceAccountOnlyNamespacedObjectsOfTheOwnNamespaceAreAllowed() {
        Rendered rendered = ManifestReader.read(new TreeMap<>(Map.of(
                "a.yaml", configMap("mine"),
                "b.yaml", configMap("theirs").replace("name: theirs", "name: theirs\n  namespace: team-b"),
                "c.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: new\n")),
                settings(true, null, Map.of()), SCOPES);

        assertThat(rendered.errors()).extracting(e -> e.getFile())
                .containsExactly("b.yaml", "c.yaml");
        assertThat(rendered.errors().get(0).getMessage()).contains("without spec.serviceAccountName");
    }

    @Test
    void variablesAreSubstitutedWithDefaultsAndEscapes() {
        Map<String, String> variables = new LinkedHashMap<>(Map.of("ENV", "prod", "REPLICAS", "3"));
        Rendered rendered = ManifestReader.read(Map.of("a.yaml", "apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: web-${ENV}\nspec:\n  replicas: ${REPLICAS}\n  paused: ${PAUSED:=false}\n"
                + "  template:\n    metadata:\n      annotations:\n        raw: $${ENV}\n"),
                settings(false, null, variables), SCOPES);

        assertThat(rendered.errors()).isEmpty();
        Manifest web = rendered.manifests().get(0);
        assertThat(web.id().getName()).isEqualTo("web-prod");
        assertThat(web.body().at("/spec/replicas").isInt()).as("a number stays a number").isTrue();
        assertThat(web.body().at("/spec/paused").asBoolean(true)).isFalse();
        assertThat(web.body().at("/spec/template/metadata/annotations/raw").asText()).isEqualTo("${ENV}");
    }

    @Test
    void aVariableWithoutValueOrDefaultIsASubstitutionFailure() {
        Rendered rendered = read(Map.of("a.yaml", configMap("x") + "---\n" + configMap("${MISSING}")));

        assertThat(rendered.reason()).isEqualTo(Reason.SubstitutionFailed);
        assertThat(rendered.errors()).singleElement().satisfies(e -> {
            assertThat(e.getDocument()).isEqualTo(1);
            assertThat(e.getMessage()).contains("${MISSING}");
        });
        assertThat(List.of(rendered.valid())).containsExactly(false);
    }
}
