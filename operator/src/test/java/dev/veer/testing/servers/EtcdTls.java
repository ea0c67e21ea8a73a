package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS material for a test etcd, made with {@code openssl} at test time: a CA, a server certificate for 127.0.0.1
 * and localhost, and a client certificate, all with P-256 keys in PKCS#8 PEM (what both etcd and Netty read). Valid
 * for one day.
 */
public record EtcdTls(Path directory) {

    /** Makes a fresh CA, server and client certificate in {@code directory} (created if missing). */
    public static EtcdTls generate(Path directory) {
        EtcdTls tls = new EtcdTls(directory.toAbsolutePath());
        try {
            Files.createDirectories(tls.directory());
            Files.writeString(tls.file("server.ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
            Files.writeString(tls.file("client.ext"), "extendedKeyUsage=clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", tls.file("ca.key"), "-out", tls.file("ca.crt"), "-subj", "/CN=veer-test-ca", "-days", "1");
        for (String name : List.of("server", "client")) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", tls.file(name + ".key"), "-out", tls.file(name + ".csr"), "-subj", "/CN=veer-" + name);
            openssl("x509", "-req", "-in", tls.file(name + ".csr"), "-CA", tls.file("ca.crt"), "-CAkey",
                    tls.file("ca.key"), "-CAcreateserial", "-out", tls.file(name + ".crt"), "-days", "1",
                    "-extfile", tls.file(name + ".ext"));
        }
        return tls;
    }

    public Path caCertificate() {
        return file("ca.crt");
    }

    public Path serverCertificate() {
        return file("server.crt");
    }

    public Path serverKey() {
        return file("server.key");
    }

    public Path clientCertificate() {
        return file("client.crt");
    }

    public Path clientKey() {
        return file("client.key");
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    private static void openssl(Object... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        OneShotCommand.runChecked(command);
    }
}
