package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd}, Debian package openssh-server) on 127.0.0.1 and a free port, serving
 * Git over SSH to the current user: a host key and a client key made by {@code ssh-keygen} for this server only, the
 * client key the only authorized one, no passwords.
 */
public final class SshGitServer implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final int port;
    private final ServerDirectory dir;
    private final ManagedProcess process;

    private SshGitServer(int port, ServerDirectory dir, ManagedProcess process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    public static SshGitServer start() {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install the Debian package 'openssh-server'");
        }
        int port = FreePort.allocate();
        ServerDirectory dir = ServerDirectory.create("sshd", port);
        try {
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin prohibit-password",
                    "StrictModes no",
                    "UsePAM no",
                    "PidFile " + dir.resolve("sshd.pid"),
                    "LogLevel VERBOSE",
                    ""));
            if ("root".equals(System.getProperty("user.name"))) {
                // sshd started by root needs its privilege separation directory.
                Files.createDirectories(Path.of("/run/sshd"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString());
        ManagedProcess process = ManagedProcess.start(ProcessSpec.of("sshd", command, dir.logFile(),
                ReadinessCheck.tcpConnect(port)));
        return new SshGitServer(port, dir, process);
    }

    private static void keygen(Path key) {
        OneShotCommand.runChecked(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "veer-test",
                "-f", key.toString()));
    }

    /** ssh://user@127.0.0.1:port/absolute/path of a bare repository on this machine. */
    public URI uri(Path bareRepository) {
        return URI.create("ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port
                + bareRepository.toAbsolutePath());
    }

    /** The private key the server accepts, in OpenSSH format. */
    public byte[] clientKey() {
        return read(dir.resolve("client_key"));
    }

    /** A known_hosts line for this server's host key. */
    public byte[] knownHosts() {
        String hostKey = new String(read(dir.resolve("host_key.pub"))).trim();
        String[] parts = hostKey.split(" ");
        return ("[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n").getBytes();
    }

    /** A known_hosts line naming this server with a key it does not have. */
    public byte[] wrongKnownHosts() {
        Path other = dir.resolve("other_key");
        if (!Files.exists(other)) {
            keygen(other);
        }
        String[] parts = new String(read(dir.resolve("other_key.pub"))).trim().split(" ");
        return ("[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n").getBytes();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.stop();
    }
}
