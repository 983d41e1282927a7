package io.linkguard.probes.netlink;

import io.linkguard.probes.net.Errno;

import java.io.IOException;

/**
 * A request the kernel refused: an NLMSG_ERROR with a negative error (rtnetlink(7)). The message
 * says what was asked and why it failed in the operator's words, e.g.
 * {@code "replace route 10.2.0.0/16 via 10.0.0.9 dev gre1 table 254: no such device (ENODEV)"}.
 */
public class RtnetlinkException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;
    /** The kernel's extended-ack text, if any: carried so a rethrow with a better description keeps it. */
    transient String kernelMessage;

    public RtnetlinkException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The positive errno the kernel returned. */
    public int errno() {
        return errno;
    }

    /**
     * The exception for {@code what} (the request in words) refused with {@code errno}.
     *
     * @param gateway the gateway in words, for ENETUNREACH; null if none
     * @param delete  a delete request (ESRCH means the route is not there)
     * @param kernel  the kernel's extended-ack text, or null; shown where our words are vague
     */
    static RtnetlinkException of(String what, int errno, String gateway, boolean delete, String kernel) {
        Errno e = Errno.of(errno);
        String name = e == Errno.UNKNOWN ? (errno == 3 ? "ESRCH" : errno == 17 ? "EEXIST" : "errno " + errno) : e.name();
        String why = switch (name) {
            case "ENODEV" -> "no such device";
            case "ENETUNREACH" -> gateway != null
                    ? "gateway " + gateway + " unreachable: no connected route to it"
                    : "network unreachable";
            case "EPERM", "EACCES" -> "permission denied: changing routes needs CAP_NET_ADMIN";
            case "ESRCH" -> delete ? "no such route" : "no such process or route";
            case "EEXIST" -> "the route already exists";
            case "EINVAL" -> "invalid argument: the kernel rejected the request's fields";
            default -> e == Errno.UNKNOWN ? "refused" : e.description();
        };
        boolean vague = name.equals("EINVAL") || e == Errno.UNKNOWN && errno != 3 && errno != 17;
        String detail = vague && kernel != null ? " [kernel: " + kernel + "]" : "";
        RtnetlinkException ex = new RtnetlinkException(what + ": " + why + " (" + name + ")" + detail, errno);
        ex.kernelMessage = kernel;
        return ex;
    }
}
