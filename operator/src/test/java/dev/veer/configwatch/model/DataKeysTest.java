package dev.veer.configwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DataKeysTest {

    private static final String DATA_KEY = "[-._a-zA-Z0-9]+";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "db/host              | db__host",
            "db/max_idle          | db__max_5Fidle",
            "app.properties       | app.properties",
            ".env                 | _2Eenv",
            "a..b/.c              | a..b__.c",
            "feature flags/new-ui | feature_20flags__new-ui",
            "größe                | gr_C3_B6_C3_9Fe",
            "__                   | _5F_5F",
            "/leading/slash       | __leading__slash",
    })
    void escapesSlashesAndEverythingOutsideTheDataKeyAlphabetReversibly(String key, String dataKey) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);

        assertThat(DataKeys.encode(bytes)).isEqualTo(dataKey).matches(DATA_KEY);
        assertThat(DataKeys.decode(dataKey)).isEqualTo(bytes);
    }

    @Test
    void anySequenceOfBytesRoundTripsAndEncodesToAValidDataKey() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[1 + random.nextInt(20)];
            random.nextBytes(key);
            String encoded = DataKeys.encode(key);
            assertThat(encoded).matches(DATA_KEY).isNotIn(".", "..").doesNotStartWith("..");
            assertThat(DataKeys.decode(encoded)).isEqualTo(key);
        }
    }

    @Test
    void distinctKeysNeverShareADataKey() {
        assertThat(DataKeys.encode(bytes("a/b"))).isNotEqualTo(DataKeys.encode(bytes("a.b")))
                .isNotEqualTo(DataKeys.encode(bytes("a_b"))).isNotEqualTo(DataKeys.encode(bytes("a__b")));
    }

    @Test
    void rejectsWhatItCannotHaveMade() {
        assertThatThrownBy(() -> DataKeys.decode("a_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataKeys.decode("a_G1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataKeys.encode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
