package io.linkguard.agent.emulator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * One TUN device opened through FFM: IP packets in and out of a file descriptor,
 * without a packet-information header (IFF_NO_PI).
 *
 * <pre>
 * struct ifreq (x86_64, 40 bytes)
 *  0 ┌──────────────────────────────┐
 *    │ char ifr_name[IFNAMSIZ = 16] │  "lge%d" in, the kernel's pick out
 * 16 ├───────────────┬──────────────┤
 *    │ short flags   │  union pad   │  IFF_TUN | IFF_NO_PI
 * 40 └───────────────┴──────────────┘
 * </pre>
 *
 * The device is not persistent: it disappears when the descriptor closes, which
 * includes the emulator process dying. Moving it to another namespace keeps the
 * descriptor working.
 */
final class TunDevice implements AutoCloseable {
    static final String DEVICE_PATH = "/dev/net/tun";
    /** _IOW('T', 202, int). */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final int IFNAMSIZ = 16;
    static final int IFREQ_BYTES = 40;
    static final int IFR_FLAGS_OFFSET = 16;
    static final int POLLFD_BYTES = 8;
    static final int POLLFD_EVENTS_OFFSET = 4;
    /** Largest IP packet. */
    static final int MAX_PACKET_BYTES = 65535;

    private final int fd;
    private final String name;
    private volatile boolean closed;

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Opens a new TUN device; a template such as "lge%d" lets the kernel choose a free name. */
    static TunDevice open(String nameTemplate) throws NativeCalls.NativeException {
        byte[] template = nameTemplate.getBytes(StandardCharsets.US_ASCII);
        if (template.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name " + nameTemplate + " is " + template.length
                    + " bytes (expected: at most " + (IFNAMSIZ - 1) + ")");
        }
        int fd = NativeCalls.open(DEVICE_PATH, NativeCalls.O_RDWR | NativeCalls.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(IFREQ_BYTES, 8);
            MemorySegment.copy(template, 0, ifreq, JAVA_BYTE, 0, template.length);
            ifreq.set(JAVA_SHORT, IFR_FLAGS_OFFSET, (short) (IFF_TUN | IFF_NO_PI));
            NativeCalls.ioctl(fd, TUNSETIFF, ifreq, "TUNSETIFF " + nameTemplate);
            return new TunDevice(fd, ifreq.getString(0, StandardCharsets.US_ASCII));
        } catch (NativeCalls.NativeException | RuntimeException e) {
            NativeCalls.close(fd);
            throw e;
        }
    }

    /** The name the kernel gave the device, valid in whichever namespace it is now. */
    String name() {
        return name;
    }

    /** A pollfd for {@link #receive}; one per reading thread. */
    MemorySegment newPollFd(Arena arena) {
        MemorySegment pollfd = arena.allocate(POLLFD_BYTES, 4);
        pollfd.set(JAVA_INT, 0, fd);
        pollfd.set(JAVA_SHORT, POLLFD_EVENTS_OFFSET, NativeCalls.POLLIN);
        return pollfd;
    }

    /**
     * Waits up to {@code timeoutMillis} for one packet and reads it into {@code buffer}.
     *
     * @return the packet's length, or 0 when none came in time
     */
    int receive(MemorySegment pollfd, MemorySegment buffer, int timeoutMillis) throws NativeCalls.NativeException {
        int ready = NativeCalls.poll(pollfd, timeoutMillis);
        if (ready == 0 || ready == -NativeCalls.EINTR) {
            return 0;
        }
        if (ready < 0) {
            throw new NativeCalls.NativeException("poll(" + name + ")", -ready);
        }
        long n = NativeCalls.read(fd, buffer, buffer.byteSize());
        if (n == -NativeCalls.EINTR || n == -NativeCalls.EAGAIN) {
            return 0;
        }
        if (n < 0) {
            throw new NativeCalls.NativeException("read(" + name + ")", (int) -n);
        }
        return (int) n;
    }

    /**
     * Writes one packet.
     *
     * @return 0 on success, else the errno (e.g. EIO while the interface is down)
     */
    int send(MemorySegment buffer, int length) {
        long n = NativeCalls.write(fd, buffer, length);
        return n < 0 ? (int) -n : 0;
    }

    /** Closes the descriptor; call only once no thread reads or writes it any more. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            NativeCalls.close(fd);
        }
    }
}
