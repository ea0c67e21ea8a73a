package dev.veer.gitsync.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How one fetch authenticates: HTTPS basic or bearer credentials, or an SSH session factory reading the key and
 * known_hosts from a private temporary directory (owner-only files, deleted on close). StrictHostKeyChecking is on:
 * an SSH host must be in known_hosts. Nothing here is logged.
 */
final class TransportSettings implements AutoCloseable {

    private final GitCredentials credentials;
    private final int timeoutSeconds;
    private Path sshDirectory;
    private SshdSessionFactory sshSessions;

    TransportSettings(GitCredentials credentials, int timeoutSeconds) {
        this.credentials = credentials;
        this.timeoutSeconds = timeoutSeconds;
    }

    <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout(timeoutSeconds);
        if (credentials.hasBasic()) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    credentials.username() == null ? "git" : credentials.username(), credentials.password()));
        }
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof TransportHttp http && credentials.bearerToken() != null) {
                http.setAdditionalHeaders(Map.of("Authorization", "Bearer " + credentials.bearerToken()));
            }
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sshSessions());
            }
        });
        return command;
    }

    private SshdSessionFactory sshSessions() {
        if (sshSessions != null) {
            return sshSessions;
        }
        try {
            sshDirectory = Files.createTempDirectory("veer-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path identity = privateFile("identity", credentials.identity() == null ? new byte[0]
                    : credentials.identity());
            Path knownHosts = privateFile("known_hosts", credentials.knownHosts() == null ? new byte[0]
                    : credentials.knownHosts());
            Path config = privateFile("config", ("Host *\n  StrictHostKeyChecking yes\n"
                    + "  UserKnownHostsFile " + knownHosts + "\n"
                    + (credentials.identity() == null ? "" : "  IdentityFile " + identity + "\n  IdentitiesOnly yes\n")
                    + "  BatchMode yes\n").getBytes());
            List<Path> identities = credentials.identity() == null ? List.of() : List.of(identity);
            sshSessions = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(sshDirectory.toFile())
                    .setSshDirectory(sshDirectory.toFile())
                    .setConfigFile(home -> config.toFile())
                    .setDefaultIdentities(dir -> identities)
                    .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
                    .setPreferredAuthentications("publickey")
                    .build(null);
            return sshSessions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SSH key directory", e);
        }
    }

    private Path privateFile(String name, byte[] content) throws IOException {
        Path file = sshDirectory.resolve(name);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
        return file;
    }

    @Override
    public void close() {
        if (sshSessions != null) {
            sshSessions.close();
        }
        if (sshDirectory != null) {
            try (Stream<Path> files = Files.walk(sshDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the SSH key directory " + sshDirectory, e);
            }
        }
    }
}
