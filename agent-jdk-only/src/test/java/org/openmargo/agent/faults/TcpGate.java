package org.openmargo.agent.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback port in front of the fault server, so the WFM can go away and come back without giving up its port:
 * while open it forwards each connection byte for byte (TLS stays end to end); while closed it resets every new
 * connection at once, before TLS, and reports it. Closing the gate also resets the connections it forwards.
 * Thread safe.
 */
final class TcpGate implements AutoCloseable {
    private final ServerSocket socket;
    private final int target;
    private final Runnable onRefused;
    private final Set<Socket> forwarded = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private TcpGate(ServerSocket socket, int target, Runnable onRefused) {
        this.socket = socket;
        this.target = target;
        this.onRefused = onRefused;
    }

    /** Opens a gate on a free loopback port to {@code target}; {@code onRefused} runs for each reset connection. */
    static TcpGate start(int target, Runnable onRefused) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpGate gate = new TcpGate(socket, target, onRefused);
        Thread.ofVirtual().start(gate::accept);
        return gate;
    }

    int port() {
        return socket.getLocalPort();
    }

    void open(boolean isOpen) {
        open = isOpen;
        if (!isOpen) {
            forwarded.forEach(TcpGate::reset);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (open) {
                    Thread.ofVirtual().start(() -> forward(client));
                } else {
                    onRefused.run();
                    reset(client);
                }
            } catch (IOException e) {
                // the gate was closed
            }
        }
    }

    private void forward(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
            forwarded.add(client);
            Thread upstream = Thread.ofVirtual().start(() -> pipe(client, server));
            pipe(server, client);
            upstream.join();
        } catch (IOException | InterruptedException e) {
            // either side went away: so does the other
        } finally {
            forwarded.remove(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            reset(to);
        }
    }

    /** Closes with RST rather than FIN: the peer sees a dead WFM, and no TIME_WAIT is left behind. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        forwarded.forEach(TcpGate::reset);
    }
}
