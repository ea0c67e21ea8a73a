package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks a TCP port that is free on 127.0.0.1 right now: binds port 0, reads the port the kernel chose and closes the
 * socket again, so the number can be handed to a server that binds it itself.
 */
public final class FreePort {

    private FreePort() {
    }

    /** Returns a port number that was free on 127.0.0.1 a moment ago. */
    public static int allocate() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }
}
