package io.linkguard.probes.netlink;

/**
 * The one exception of the rtnetlink codec (RFC 3549 §2.3, rtnetlink(7)): the bytes are not
 * structurally a netlink message of the kind their header claims.
 *
 * <p>Checked on purpose, like {@code BfdCodecException}: a netlink socket delivers whatever the
 * kernel (or a newer kernel's layout) sends, so a malformed message is an expected event that the
 * receive path counts and skips, not a bug.
 *
 * <p>Messages read {@code "<what was found> (expected: <what was required>)"}, for example
 * {@code "nlmsg_len 12 (expected: >= 16)"}.
 */
public final class NetlinkCodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the full message, in the form {@code "actual (expected: ...)"} */
    public NetlinkCodecException(String message) {
        super(message);
    }

    /** Builds the message {@code actual + " (expected: " + expected + ")"}. */
    static NetlinkCodecException of(String actual, String expected) {
        return new NetlinkCodecException(actual + " (expected: " + expected + ")");
    }
}
