package dev.veer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.veer.testing.MockApiServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class OperatorRuntimeTest {

    @Test
    void livenessAndReadinessReportUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsEndpointExportsJvmAndOperatorMetricsInPrometheusFormat() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("operator_sdk"));
    }

    /** The build stamps its version and Git commit (operator/pom.xml); the gauge carries both, always 1. */
    @Test
    void buildInfoIsExportedWithTheVersionAndTheCommitItWasBuiltFrom() throws Exception {
        Properties build = new Properties();
        try (var in = OperatorRuntimeTest.class.getResourceAsStream("/veer-build.properties")) {
            build.load(in);
        }
        assertThat(build.getProperty("commit")).as("the commit Maven stamped").matches("[0-9a-f]{40}");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("veer_build_info{")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("version=\"" + build.getProperty("version") + "\"")
                        .contains("commit=\"" + build.getProperty("commit") + "\"")
                        .endsWith(" 1.0"));
    }
}
