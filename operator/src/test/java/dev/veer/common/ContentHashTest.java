package dev.veer.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

class ContentHashTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static PodTemplateSpec template(String yaml) {
        return YAML.unmarshal(yaml, PodTemplateSpec.class);
    }

    @Test
    void sameContentHashesTheSameWhateverTheOrderOfFields() {
        String a = ContentHash.of(template("""
                metadata: {labels: {app: shop, tier: web}}
                spec: {containers: [{name: shop, image: "shop:1", env: [{name: A, value: "1"}]}]}
                """));
        String b = ContentHash.of(template("""
                spec: {containers: [{env: [{value: "1", name: A}], image: "shop:1", name: shop}]}
                metadata: {labels: {tier: web, app: shop}}
                """));
        assertThat(a).isEqualTo(b).hasSize(10);
    }

    @Test
    void absentNullAndEmptyFieldsHashTheSame() {
        String plain = ContentHash.of(template("spec: {containers: [{name: shop, image: \"shop:1\"}]}"));
        String withEmpties = ContentHash.of(template("""
                metadata: {labels: {}, annotations: {}}
                spec: {containers: [{name: shop, image: "shop:1", env: [], args: []}], volumes: []}
                """));
        assertThat(withEmpties).isEqualTo(plain);
    }

    @Test
    void anyRealChangeChangesTheHash() {
        String v1 = ContentHash.of(template("spec: {containers: [{name: shop, image: \"shop:1\"}]}"));
        String v2 = ContentHash.of(template("spec: {containers: [{name: shop, image: \"shop:2\"}]}"));
        String reordered = ContentHash.of(template(
                "spec: {containers: [{name: b, image: \"x\"}, {name: a, image: \"y\"}]}"));
        String original = ContentHash.of(template(
                "spec: {containers: [{name: a, image: \"y\"}, {name: b, image: \"x\"}]}"));
        assertThat(v1).isNotEqualTo(v2);
        assertThat(reordered).as("list order is meaningful (container order)").isNotEqualTo(original);
    }
}
