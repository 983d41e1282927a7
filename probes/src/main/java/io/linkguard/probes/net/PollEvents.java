package io.linkguard.probes.net;

/**
 * The {@code events}/{@code revents} bits of {@code struct pollfd} (poll(2), asm-generic/poll.h),
 * stated once for every caller of {@link LinuxSocket#poll} and {@link PollSet}.
 */
public final class PollEvents {
    /** There is data to read. */
    public static final short POLLIN = 0x1;
    /** Writing is possible now; for a non-blocking connect, the connect has finished. */
    public static final short POLLOUT = 0x4;
    /** An error is pending; with IP_RECVERR, the error queue has data. Reported even if not asked for. */
    public static final short POLLERR = 0x8;
    /** Hang up. Reported even if not asked for. */
    public static final short POLLHUP = 0x10;

    private PollEvents() {
    }
}
