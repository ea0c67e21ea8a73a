package dev.veer.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The committed OLM bundle passes the rules of operator-framework/api's validators, reimplemented here from their
 * documented behaviour (no Go toolchain, no network): the default checks of {@code operator-sdk bundle validate}
 * (bundle format, CSV, owned CRDs) and the optional {@code operatorframework} suite (OperatorHub fields, standard
 * categories and capabilities, good practices). Warnings of those validators are failures here, except where a test
 * says otherwise.
 */
class BundleValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUNDLE = Path.of(System.getProperty("veer.bundle.dir", "../bundle"));

    /** OperatorHub's standard categories (operator-framework/api, StandardCategoriesValidator). */
    static final Set<String> CATEGORIES = Set.of("AI/Machine Learning", "Application Runtime", "Big Data",
            "Cloud Provider", "Developer Tools", "Database", "Integration & Delivery", "Logging & Tracing",
            "Monitoring", "Modernization & Migration", "Networking", "OpenShift Optional", "Security", "Storage",
            "Streaming & Messaging", "Observability");
    static final Set<String> CAPABILITIES = Set.of("Basic Install", "Seamless Upgrades", "Full Lifecycle",
            "Deep Insights", "Auto Pilot");
    static final Set<String> ICON_TYPES = Set.of("image/gif", "image/jpeg", "image/png", "image/svg+xml");
    /** The CSV's maturity values as OLM documents them. */
    static final Set<String> MATURITIES = Set.of("planning", "pre-alpha", "alpha", "beta", "stable", "mature",
            "inactive", "deprecated");
    static final Set<String> INSTALL_MODES = Set.of("OwnNamespace", "SingleNamespace", "MultiNamespace",
            "AllNamespaces");
    /** Semantic Versioning 2.0.0. */
    static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    private static JsonNode csv;
    private static List<JsonNode> crds;
    private static Map<String, String> annotations;

    @BeforeAll
    static void readBundle() throws IOException {
        List<JsonNode> csvs = new ArrayList<>();
        crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(BUNDLE.resolve("manifests"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode object = YAML.readTree(file.toFile());
                switch (object.path("kind").asText()) {
                    case "ClusterServiceVersion" -> csvs.add(object);
                    case "CustomResourceDefinition" -> crds.add(object);
                    default -> { }
                }
            }
        }
        assertThat(csvs).as("ClusterServiceVersions in manifests/").hasSize(1);
        csv = csvs.get(0);
        annotations = new LinkedHashMap<>();
        YAML.readTree(BUNDLE.resolve("metadata/annotations.yaml").toFile()).path("annotations").fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    }

    // --- Bundle format (operator-sdk bundle validate, default) ---------------------------------------------------

    @Test
    void metadataAnnotationsDeclareARegistryV1BundleWithItsPackageAndChannels() {
        assertThat(annotations).containsEntry("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1")
                .containsEntry("operators.operatorframework.io.bundle.manifests.v1", "manifests/")
                .containsEntry("operators.operatorframework.io.bundle.metadata.v1", "metadata/")
                .containsEntry("operators.operatorframework.io.bundle.package.v1", "veer");
        List<String> channels = List.of(annotations.getOrDefault("operators.operatorframework.io.bundle.channels.v1",
                "").split(","));
        assertThat(channels).as("channels").isNotEmpty().allMatch(c -> !c.isBlank());
        String defaultChannel = annotations.get("operators.operatorframework.io.bundle.channel.default.v1");
        if (defaultChannel != null) {
            assertThat(channels).as("channels holding the default channel").contains(defaultChannel);
        }
    }

    @Test
    void bundleDockerfileLabelsAreTheMetadataAnnotations() throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> copied = new HashSet<>();
        for (String line : Files.readAllLines(BUNDLE.resolve("bundle.Dockerfile"))) {
            Matcher label = Pattern.compile("^LABEL ([^=\\s]+)=(\\S+)$").matcher(line.trim());
            if (label.matches()) {
                labels.put(label.group(1), label.group(2));
            }
            Matcher copy = Pattern.compile("^COPY (\\S+) (\\S+)$").matcher(line.trim());
            if (copy.matches()) {
                copied.add(copy.group(1).replaceAll("/$", "") + " " + copy.group(2));
            }
        }
        assertThat(labels).isEqualTo(annotations);
        assertThat(copied).containsExactlyInAnyOrder("manifests /manifests/", "metadata /metadata/");
    }

    @Test
    void everyOwnedCrdIsInTheBundleAndEveryBundledCrdIsOwned() {
        Set<String> owned = new TreeSet<>();
        for (JsonNode o : csv.at("/spec/customresourcedefinitions/owned")) {
            String name = o.path("name").asText();
            owned.add(name.substring(name.indexOf('.') + 1) + "/" + o.path("version").asText() + "/"
                    + o.path("kind").asText());
        }
        Set<String> bundled = new TreeSet<>();
        for (JsonNode crd : crds) {
            assertThat(crd.path("apiVersion").asText()).as("CRD API (v1beta1 was removed in Kubernetes 1.22)")
                    .isEqualTo("apiextensions.k8s.io/v1");
            for (JsonNode version : crd.at("/spec/versions")) {
                String key = crd.at("/spec/group").asText() + "/" + version.path("name").asText() + "/"
                        + crd.at("/spec/names/kind").asText();
                assertThat(bundled.add(key)).as("duplicate CRD %s", key).isTrue();
            }
        }
        assertThat(bundled).isEqualTo(owned);
    }

    // --- ClusterServiceVersion (CSVValidator) ----------------------------------------------------------------------

    @Test
    void csvNameIsOperatorNameDotVSemverAndMatchesSpecVersion() {
        String name = csv.at("/metadata/name").asText();
        assertThat(name).hasSizeLessThanOrEqualTo(253).matches(DNS1123_SUBDOMAIN);
        assertThat(name).as("<operator-name>.v<semver>").contains(".v");
        String version = name.substring(name.indexOf('.') + 1).replaceFirst("^v+", "");
        assertThat(version).matches(SEMVER);
        String specVersion = csv.at("/spec/version").asText();
        assertThat(specVersion).as("spec.version").matches(SEMVER).isNotEqualTo("0.0.0");
        assertThat(version).as("the name's version is spec.version").isEqualToIgnoringCase(specVersion);
        String replaces = csv.at("/spec/replaces").asText("");
        if (!replaces.isEmpty()) {
            assertThat(replaces.substring(replaces.indexOf('.') + 1).replaceFirst("^v+", "")).matches(SEMVER);
        }
    }

    @Test
    void almExamplesParseAndGiveExactlyTheOwnedApis() throws IOException {
        String examples = csv.at("/metadata/annotations/alm-examples").asText("");
        assertThat(examples).as("alm-examples").isNotBlank();
        JsonNode parsed = JSON.readTree(examples);
        assertThat(parsed.isArray()).as("alm-examples is a JSON list").isTrue();
        Set<String> exampled = new TreeSet<>();
        for (JsonNode example : parsed) {
            assertThat(example.at("/metadata/name").asText()).as("example name").isNotBlank();
            exampled.add(example.path("apiVersion").asText() + "/" + example.path("kind").asText());
        }
        Set<String> provided = new TreeSet<>();
        for (JsonNode o : csv.at("/spec/customresourcedefinitions/owned")) {
            String name = o.path("name").asText();
            provided.add(name.substring(name.indexOf('.') + 1) + "/" + o.path("version").asText() + "/"
                    + o.path("kind").asText());
        }
        assertThat(exampled).as("an example for every owned API, and only those").isEqualTo(provided);
    }

    @Test
    void installModesAreKnownUniqueAndIncludeAllNamespaces() {
        Set<String> seen = new HashSet<>();
        Set<String> supported = new HashSet<>();
        for (JsonNode mode : csv.at("/spec/installModes")) {
            String type = mode.path("type").asText();
            assertThat(INSTALL_MODES).as("install mode type").contains(type);
            assertThat(seen.add(type)).as("duplicate install mode %s", type).isTrue();
            if (mode.path("supported").asBoolean()) {
                supported.add(type);
            }
        }
        // The ClusterRoles are cluster-wide, so every mode the RBAC allows (all but MultiNamespace) is offered.
        assertThat(supported).as("supported install modes").contains("AllNamespaces");
    }

    @Test
    void csvHasItsRequiredFieldsAndADeploymentStrategy() {
        JsonNode spec = csv.path("spec");
        for (String field : List.of("displayName", "description", "version", "maturity", "minKubeVersion")) {
            assertThat(spec.path(field).asText("")).as("spec.%s", field).isNotBlank();
        }
        assertThat(spec.at("/install/strategy").asText()).isEqualTo("deployment");
        assertThat(spec.at("/install/spec/deployments")).as("deployments").isNotEmpty();
        assertThat(MATURITIES).as("spec.maturity").contains(spec.path("maturity").asText());
        assertThat(spec.path("keywords")).as("keywords").isNotEmpty();
    }

    // --- OperatorHub (operatorframework suite: OperatorHubV2, standard categories and capabilities) ----------------

    @Test
    void providerMaintainersAndLinksAreComplete() {
        assertThat(csv.at("/spec/provider/name").asText("")).as("provider.name").isNotBlank();
        assertThat(csv.at("/spec/maintainers")).as("maintainers").isNotEmpty();
        for (JsonNode maintainer : csv.at("/spec/maintainers")) {
            assertThat(maintainer.path("name").asText("")).as("maintainer name").isNotBlank();
            assertThat(maintainer.path("email").asText("")).as("maintainer email").matches(EMAIL);
        }
        assertThat(csv.at("/spec/links")).as("links").isNotEmpty();
        for (JsonNode link : csv.at("/spec/links")) {
            assertThat(link.path("name").asText("")).as("link name").isNotBlank();
            URI url = URI.create(link.path("url").asText(""));
            assertThat(url.getScheme()).as("link %s", url).isIn("http", "https");
            assertThat(url.getHost()).as("link %s", url).isNotBlank();
        }
    }

    @Test
    void capabilitiesAndCategoriesComeFromOperatorHubsLists() {
        JsonNode metadataAnnotations = csv.at("/metadata/annotations");
        assertThat(CAPABILITIES).as("capabilities").contains(metadataAnnotations.path("capabilities").asText());
        String categories = metadataAnnotations.path("categories").asText("");
        assertThat(categories).as("categories").isNotBlank();
        // Split on ',' without trimming, as the validator does: "A, B" names " B", which is not a category.
        for (String category : categories.split(",")) {
            assertThat(CATEGORIES).as("category '%s'", category).contains(category);
        }
        assertThat(categories.split(",")).contains("Integration & Delivery");
        assertThat(metadataAnnotations.path("support").asText("")).as("support").isNotBlank();
    }

    @Test
    void iconIsOneDecodableImageOfAnAllowedType() {
        JsonNode icons = csv.at("/spec/icon");
        assertThat(icons).as("spec.icon").hasSize(1);
        JsonNode icon = icons.get(0);
        assertThat(ICON_TYPES).as("icon mediatype").contains(icon.path("mediatype").asText());
        byte[] data = Base64.getDecoder().decode(icon.path("base64data").asText(""));
        assertThat(data).as("icon data").isNotEmpty();
        if (icon.path("mediatype").asText().equals("image/svg+xml")) {
            assertThat(new String(data, StandardCharsets.UTF_8)).contains("<svg").contains("</svg>");
        }
    }

    @Test
    void minKubeVersionIsASemanticVersion() {
        assertThat(csv.at("/spec/minKubeVersion").asText("")).matches(SEMVER);
    }

    // --- Good practices, images, descriptors ---------------------------------------------------------------------

    @Test
    void everyContainerRequestsCpuAndMemory() {
        for (JsonNode deployment : csv.at("/spec/install/spec/deployments")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                JsonNode requests = container.at("/resources/requests");
                assertThat(requests.path("cpu").asText("")).as("cpu request of %s", container.path("name"))
                        .isNotBlank();
                assertThat(requests.path("memory").asText("")).as("memory request of %s", container.path("name"))
                        .isNotBlank();
            }
        }
    }

    @Test
    void channelsFollowOlmsNamingConvention() {
        for (String channel : annotations.get("operators.operatorframework.io.bundle.channels.v1").split(",")) {
            assertThat(channel).as("channel").matches("(candidate|stable|fast).*");
        }
    }

    @Test
    void containerImageAndRelatedImagesNameTheOperatorImage() {
        Set<String> images = new TreeSet<>();
        for (JsonNode deployment : csv.at("/spec/install/spec/deployments")) {
            deployment.at("/spec/template/spec/containers").forEach(c -> images.add(c.path("image").asText()));
        }
        assertThat(images).hasSize(1);
        assertThat(csv.at("/metadata/annotations/containerImage").asText("")).isEqualTo(images.iterator().next());
        Set<String> related = new TreeSet<>();
        csv.at("/spec/relatedImages").forEach(r -> related.add(r.path("image").asText()));
        assertThat(related).as("relatedImages").containsAll(images);
    }

    @Test
    void everyOwnedCrdDescribesTheFieldsAUserEditsAndReads() {
        for (JsonNode owned : csv.at("/spec/customresourcedefinitions/owned")) {
            String kind = owned.path("kind").asText();
            assertThat(owned.path("displayName").asText("")).as("%s displayName", kind).isNotBlank();
            assertThat(owned.path("description").asText("")).as("%s description", kind).isNotBlank();
            assertThat(owned.path("specDescriptors")).as("%s specDescriptors", kind).isNotEmpty();
            assertThat(owned.path("statusDescriptors")).as("%s statusDescriptors", kind).isNotEmpty();
            for (JsonNode descriptor : owned.path("specDescriptors")) {
                assertThat(descriptor.path("path").asText("")).isNotBlank();
                assertThat(descriptor.path("displayName").asText("")).isNotBlank();
            }
        }
    }
}
