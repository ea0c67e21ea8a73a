package dev.veer.gitsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.veer.testing.servers.GitDaemonExtension;
import dev.veer.testing.servers.GitHttpServer;
import dev.veer.testing.servers.SshGitServer;

/**
 * Fetching with credentials from real servers: git http-backend behind HTTP basic authentication, and OpenSSH's sshd
 * with a key pair and a host key made for the test. The repositories are served by the git daemon too, which is how
 * the test pushes to them.
 */
class AuthenticatedTransportTest {

    @RegisterExtension
    static final GitDaemonExtension gitDaemon = new GitDaemonExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static GitHttpServer http;
    private static SshGitServer sshd;
    private static String commit;

    @TempDir
    Path cache;

    @BeforeAll
    static void startServers() {
        URI uri = gitDaemon.createBareRepository("private");
        try (RepositoryWriter writer = RepositoryWriter.pushingTo(uri)) {
            commit = writer.commit(Map.of("deploy/app.yaml", "kind: ConfigMap\n"), "private");
        }
        http = GitHttpServer.start(gitDaemon.basePath(), "veer", "s3cret-token");
        sshd = SshGitServer.start();
    }

    @AfterAll
    static void stopServers() {
        if (http != null) {
            http.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void smartHttpWithTheRightPasswordFetches() throws Exception {
        FetchedCommit fetched = new WorkingCopies(cache.toString()).fetch(http.uri("private.git").toString(),
                new SourceRef.Branch("main"), GitCredentials.basic("veer", "s3cret-token"), TIMEOUT, "deploy");

        assertThat(fetched.commit()).isEqualTo(commit);
        assertThat(fetched.files()).containsOnlyKeys("deploy/app.yaml");
    }

    @Test
    void smartHttpWithAWrongPasswordOrNoneIsAuthenticationFailedAndTheSecretIsNotInTheMessage() {
        int refusedBefore = http.unauthorizedRequests();
        WorkingCopies copies = new WorkingCopies(cache.toString());
        String url = http.uri("private.git").toString();

        assertThatThrownBy(() -> copies.fetch(url, new SourceRef.Branch("main"),
                GitCredentials.basic("veer", "wrong-password"), TIMEOUT, "."))
                .isInstanceOfSatisfying(FetchFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(FetchFailure.Reason.AuthenticationFailed);
                    assertThat(f.getMessage()).doesNotContain("wrong-password");
                });
        assertThatThrownBy(() -> copies.fetch(url, new SourceRef.Branch("main"), GitCredentials.NONE, TIMEOUT, "."))
                .isInstanceOfSatisfying(FetchFailure.class,
                        f -> assertThat(f.reason()).isEqualTo(FetchFailure.Reason.AuthenticationFailed));
        assertThat(http.unauthorizedRequests()).isGreaterThan(refusedBefore);
    }

    @Test
    void sshWithTheKeyAndKnownHostsFetches() throws Exception {
        String url = sshd.uri(gitDaemon.basePath().resolve("private.git")).toString();

        FetchedCommit fetched = new WorkingCopies(cache.toString()).fetch(url, new SourceRef.Branch("main"),
                GitCredentials.ssh(sshd.clientKey(), sshd.knownHosts()), TIMEOUT, "deploy");

        assertThat(fetched.commit()).isEqualTo(commit);
    }

    @Test
    void sshToAHostWhoseKeyIsNotTheKnownOneIsRefused() {
        String url = sshd.uri(gitDaemon.basePath().resolve("private.git")).toString();

        assertThatThrownBy(() -> new WorkingCopies(cache.toString()).fetch(url, new SourceRef.Branch("main"),
                GitCredentials.ssh(sshd.clientKey(), sshd.wrongKnownHosts()), TIMEOUT, "."))
                .isInstanceOfSatisfying(FetchFailure.class,
                        f -> assertThat(f.reason()).as(f.getMessage()).isEqualTo(FetchFailure.Reason.HostKeyRejected));
    }
}
