package dev.veer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.veer.sandbox.apiserver.CelRules;
import io.fabric8.generator.annotation.ValidationRule;

/** The CEL rules of the GitSync API decide as their messages say. */
class GitSyncRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"branch\":\"main\"}                                  | true",
            "{\"tag\":\"v1.0.0\"}                                   | true",
            "{\"semver\":\"^1.2\"}                                  | true",
            "{\"commit\":\"0123456789abcdef0123456789abcdef01234567\"} | true",
            "{}                                                     | false",
            "{\"branch\":\"main\",\"tag\":\"v1\"}                   | false",
            "{\"semver\":\"1.x\",\"commit\":\"ab\"}                 | false" })
    void aRefNamesExactlyOneOfBranchTagSemverOrCommit(String ref, boolean valid) throws Exception {
        String rule = Arrays.stream(GitRef.class.getAnnotationsByType(ValidationRule.class)).findFirst().orElseThrow()
                .value();
        assertThat(CelRules.holds(rule, JSON.readTree(ref))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ ".,true", "deploy/prod,true", "a..b,true", "..,false", "deploy/../secrets,false", "/etc,false",
            "x/..,false" })
    void aPathStaysInsideTheRepository(String path, boolean valid) throws Exception {
        String rule = GitSyncSpec.class.getDeclaredField("path").getAnnotation(ValidationRule.class).value();
        assertThat(CelRules.holds(rule, TextNode.valueOf(path))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "https://github.com/acme/app.git,true", "git://127.0.0.1:9418/app.git,true",
            "ssh://git@host:22/app.git,true", "git@github.com:acme/app.git,true", "file:///srv/app.git,true",
            "ftp://host/app.git,false", "github.com/acme/app,false", "'https://a b',false" })
    void aUrlIsOneGitCanFetch(String url, boolean valid) throws Exception {
        String rule = GitRepositorySpec.class.getDeclaredField("url").getAnnotation(ValidationRule.class).value();
        assertThat(CelRules.holds(rule, TextNode.valueOf(url))).isEqualTo(valid);
    }
}
