package io.linkguard.bfd.engine;

import io.linkguard.probes.net.Errno;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PollEvents;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The transmit socket of one session. RFC 5881 §4: "The source port MUST be
 * in the range 49152 through 65535. The same UDP source port number MUST be
 * used for all BFD Control packets associated with a particular session."
 * So each session binds its own socket to a port in that range, once.
 * RFC 5881 §5 / RFC 5883 §5: TTL 255 on send.
 *
 * <p>The socket only sends (replies arrive on the shared {@link ListenSocket}),
 * so its receive buffer is as small as the kernel allows: a wildcard-bound
 * socket that nobody reads would otherwise queue every datagram anyone sends
 * to its port. When a local address is configured the socket is also bound to
 * it and connected to the peer, so only the peer's datagrams could queue.
 *
 * <p>Without a local address it stays unconnected and sends with sendto:
 * connecting would fix the source address from the route in effect at that
 * moment (the WAN address, say, while the tunnel is still down at start-up),
 * and it would never change again; unconnected, the kernel picks the source
 * per packet from the current route.
 *
 * <p>The price of connecting: the kernel reports an ICMP port-unreachable for
 * one packet (even a spoofed one) as ECONNREFUSED on the NEXT send, and that
 * send does not go out. {@link #send} retries it once (the error is consumed
 * by then) and reports {@link Outcome#SENT_AFTER_REFUSAL}, so an ICMP error
 * costs no Control packet; never an exception.
 */
final class TxSocket implements ControlSender {
    private static final int BIND_ATTEMPTS = 64;
    /** SO_RCVBUF request; the kernel doubles it and rounds up to its minimum (SOCK_MIN_RCVBUF). */
    static final int RECEIVE_BUFFER_BYTES = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;

    private final LinuxSocket socket;
    private final InetSocketAddress destination;
    /** Whether a local address is configured, so the socket is (to be) connected; see the class comment. */
    private final boolean connects;
    /**
     * Connecting a UDP socket looks up the route, so it fails while there is none (a tunnel
     * still down at start-up). Such a socket starts unconnected, sends with sendto, and
     * connects at the first send that finds a route. Engine thread only.
     */
    private boolean connected;

    TxSocket(BfdSessionConfig cfg, RandomGenerator random) throws NativeSocketException {
        this(cfg, random, cfg.destinationPort());
    }

    /** @param destinationPort the peer's port: the config's, except in tests */
    TxSocket(BfdSessionConfig cfg, RandomGenerator random, int destinationPort) throws NativeSocketException {
        LinuxSocket.Family family = LinuxSocket.Family.of(cfg.peer());
        LinuxSocket s = LinuxSocket.udp(family);
        try {
            s.setTtl(BfdPorts.GTSM_TTL);
            if (cfg.fwmark().isPresent()) {
                s.setMark(cfg.fwmark().getAsLong());
            }
            if (cfg.interfaceName().isPresent()) {
                s.bindToDevice(cfg.interfaceName().get());
            }
            s.setIntOption(SOL_SOCKET, SO_RCVBUF, RECEIVE_BUFFER_BYTES, "SO_RCVBUF");
            // RFC 5881 §4: the source port is chosen once per session, before any connect.
            bindSourcePort(s, cfg.local(), family, random);
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.destination = new InetSocketAddress(cfg.peer(), destinationPort);
        this.connects = cfg.local().isPresent();
        this.connected = connects && tryConnect();
    }

    private boolean tryConnect() {
        try {
            socket.connect(destination);
            return true;
        } catch (NativeSocketException e) {
            return false; // no route yet (or another transient error): send() tries again
        }
    }

    private static void bindSourcePort(LinuxSocket s, Optional<InetAddress> local, LinuxSocket.Family family,
                                       RandomGenerator random) throws NativeSocketException {
        InetAddress addr = local.orElseGet(() -> wildcard(family));
        NativeSocketException last = null;
        for (int i = 0; i < BIND_ATTEMPTS; i++) {
            int port = BfdPorts.randomSourcePort(random);
            try {
                s.bind(new InetSocketAddress(addr, port));
                return;
            } catch (NativeSocketException.AddressUnavailable e) {
                if (e.errno() != Errno.EADDRINUSE) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static InetAddress wildcard(LinuxSocket.Family family) {
        try {
            return InetAddress.getByAddress(new byte[family == LinuxSocket.Family.INET ? 4 : 16]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends to the peer; every failure is an outcome, none an exception. */
    @Override
    public Outcome send(ByteBuffer packet) {
        if (connects && !connected) {
            connected = tryConnect();
        }
        Outcome first = sendOnce(packet);
        if (first != Outcome.REFUSED) {
            return first;
        }
        // The ECONNREFUSED was an ICMP error for an earlier packet, and reading it cleared it:
        // this packet never went out. Once more, so each (maybe spoofed) port-unreachable does not
        // cost a Control packet; a second refusal means a new error arrived meanwhile.
        Outcome retry = sendOnce(packet);
        return retry == Outcome.SENT ? Outcome.SENT_AFTER_REFUSAL : retry;
    }

    private Outcome sendOnce(ByteBuffer packet) {
        try {
            return socket.sendTo(packet, destination) >= 0 ? Outcome.SENT : Outcome.BUFFER_FULL;
        } catch (NativeSocketException e) {
            return e.errno() == Errno.ECONNREFUSED ? Outcome.REFUSED : Outcome.FAILED;
        }
    }

    /** Waits up to {@code timeoutMillis} for an error (e.g. an ICMP port-unreachable) to be pending. Tests. */
    boolean errorPending(int timeoutMillis) throws NativeSocketException {
        return (socket.poll((short) 0, timeoutMillis) & PollEvents.POLLERR) != 0;
    }

    int receiveBufferBytes() throws NativeSocketException {
        return socket.getIntOption(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
    }

    boolean connected() {
        return connected;
    }

    InetSocketAddress destination() {
        return destination;
    }

    /** The bound source port, read back from the kernel. Tests: the RFC 5881 §4 range on a real socket. */
    int sourcePort() throws NativeSocketException {
        return socket.localAddress().getPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
