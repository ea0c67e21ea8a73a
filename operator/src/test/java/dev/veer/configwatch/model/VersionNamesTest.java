package dev.veer.configwatch.model;

import static dev.veer.configwatch.ConfigWatches.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigFormat;
import dev.veer.common.InstallationKey;

/** How versions are named: plain content hashes for ConfigMaps, keyed ones for Secrets. */
class VersionNamesTest {

    private static final SortedMap<String, byte[]> PASSWORD = ConfigRenderer.render(entries("db/password", "1234"),
            ConfigFormat.keys, null).data();

    @Test
    void aSecretVersionIsNotNamedByThePlainSha256OfItsContent() throws Exception {
        String keyed = VersionNames.keyed(InstallationKey.generate()).hash(PASSWORD);

        assertThat(keyed).hasSize(10).matches("[0-9a-f]{10}");
        assertThat(keyed).isNotEqualTo(sha256Prefix(PASSWORD));
        assertThat(VersionNames.plain().hash(PASSWORD)).as("ConfigMaps keep plain content hashes")
                .isEqualTo(sha256Prefix(PASSWORD));
    }

    @Test
    void twoInstallationsNameTheSameSecretDifferently() {
        assertThat(VersionNames.keyed(InstallationKey.generate()).hash(PASSWORD))
                .isNotEqualTo(VersionNames.keyed(InstallationKey.generate()).hash(PASSWORD));
    }

    @Test
    void theSameKeyNamesTheSameContentAlikeAfterARestart() {
        byte[] stored = randomKey();
        InstallationKey key = InstallationKey.of(stored);

        assertThat(VersionNames.keyed(InstallationKey.of(stored.clone())).hash(PASSWORD))
                .isEqualTo(VersionNames.keyed(key).hash(PASSWORD));
        assertThat(VersionNames.keyed(key).hash(ConfigRenderer.render(entries("db/password", "1235"),
                ConfigFormat.keys, null).data())).isNotEqualTo(VersionNames.keyed(key).hash(PASSWORD));
    }

    @Test
    void theLegacyNameOfAKeyedContentIsItsPlainHashAndPlainNamesHaveNone() {
        assertThat(VersionNames.keyed(InstallationKey.generate()).legacy(PASSWORD))
                .contains(VersionNames.plain().hash(PASSWORD));
        assertThat(VersionNames.plain().legacy(PASSWORD)).isEmpty();
    }

    @Test
    void neitherTheKeyNorTheNamingShowsTheKeyWhenPrinted() {
        byte[] bytes = randomKey();
        InstallationKey key = InstallationKey.of(bytes);
        String hex = HexFormat.of().formatHex(bytes);

        assertThat(key.toString()).doesNotContain(hex).isEqualTo("InstallationKey[hidden]");
        assertThat(VersionNames.keyed(key).toString()).doesNotContain(hex);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[InstallationKey.SIZE];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** The first 10 hex digits of the SHA-256 of the framed content, as names were before keyed hashes. */
    static String sha256Prefix(SortedMap<String, byte[]> data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> entry : data.entrySet()) {
                byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(key.length).array());
                digest.update(key);
                digest.update(ByteBuffer.allocate(4).putInt(entry.getValue().length).array());
                digest.update(entry.getValue());
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
