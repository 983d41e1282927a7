package io.linkguard.bfd.engine;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;

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
 */
final class TxSocket implements AutoCloseable {
    private static final int BIND_ATTEMPTS = 64;

    private final LinuxSocket socket;
    private final InetSocketAddress destination;

    TxSocket(BfdSessionConfig cfg, RandomGenerator random) throws NativeSocketException {
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
            bindSourcePort(s, cfg.local(), family, random);
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.destination = new InetSocketAddress(cfg.peer(), cfg.destinationPort());
    }

    private static void bindSourcePort(LinuxSocket s, Optional<InetAddress> local, LinuxSocket.Family family,
                                       RandomGenerator random) throws NativeSocketException {
        InetAddress addr = local.orElseGet(() -> wildcard(family));
        int span = BfdPorts.SOURCE_PORT_MAX - BfdPorts.SOURCE_PORT_MIN + 1;
        NativeSocketException last = null;
        for (int i = 0; i < BIND_ATTEMPTS; i++) {
            int port = BfdPorts.SOURCE_PORT_MIN + random.nextInt(span);
            try {
                s.bind(new InetSocketAddress(addr, port));
                return;
            } catch (NativeSocketException.AddressUnavailable e) {
                if (e.errno() != io.linkguard.probes.net.Errno.EADDRINUSE) {
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

    /** Returns false if the packet could not be queued (socket buffer full). */
    boolean send(ByteBuffer packet) throws NativeSocketException {
        return socket.sendTo(packet, destination) >= 0;
    }

    int sourcePort() throws NativeSocketException {
        return socket.localAddress().getPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
