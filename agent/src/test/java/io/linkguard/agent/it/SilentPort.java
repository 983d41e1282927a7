package io.linkguard.agent.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP port whose SYNs go unanswered, so a TCP probe to it times
 * out as it would to a peer behind a dead tunnel (a refused connect proves
 * the peer alive, so a closed port would not do). Linux drops a SYN when the
 * listener's accept queue is full; the queue is filled here and never
 * accepted. No firewall rule and no privilege needed.
 */
final class SilentPort implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    SilentPort() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 300);
                fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return; // the queue is full: SYNs are now dropped
            }
        }
        close();
        throw new IOException("the accept queue did not fill after 8 connections");
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
