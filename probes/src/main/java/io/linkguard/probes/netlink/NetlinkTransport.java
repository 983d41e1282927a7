package io.linkguard.probes.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Datagrams to and from the kernel over one NETLINK_ROUTE socket. The real one is
 * {@link NetlinkChannel}; tests substitute a scripted one (ENOBUFS is hard to provoke on demand).
 */
interface NetlinkTransport extends AutoCloseable {
    /** The socket's port id (nl_pid after bind): replies to our requests carry it in nlmsg_pid. */
    int portId();

    void send(ByteBuffer request) throws IOException;

    /**
     * The next datagram from the kernel, or null if none arrived within {@code timeoutMillis}.
     *
     * @throws Overrun the socket's receive buffer overflowed (ENOBUFS): notifications were lost
     */
    ByteBuffer receive(int timeoutMillis) throws IOException;

    /** Datagrams dropped before decoding: truncated (larger than the buffer) or not from the kernel. */
    long dropped();

    @Override
    void close();

    /** recv(2) failed with ENOBUFS: the kernel dropped notifications for this socket (netlink(7)). */
    final class Overrun extends IOException {
        private static final long serialVersionUID = 1L;

        Overrun() {
            super("netlink receive buffer overrun (ENOBUFS): notifications were lost");
        }
    }
}
