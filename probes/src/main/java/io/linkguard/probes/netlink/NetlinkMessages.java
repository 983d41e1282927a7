package io.linkguard.probes.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a received netlink datagram into messages (several per datagram in a dump, RFC 3549
 * §2.3.2) and decodes each. A message whose body is malformed is counted and skipped; the rest
 * still decode. Only a header whose length leaves the datagram stops the walk, since the next
 * message cannot be found without it; the rest is then counted as one malformed message.
 *
 * <p>Host byte order ({@link ByteOrder#nativeOrder()}): netlink is not a network protocol. Reads
 * are absolute and bounded by explicit length checks; the caller's buffer is not changed.
 */
final class NetlinkMessages {
    /** A message we do not use (NLMSG_NOOP, a bridge port's link, a type we did not ask for). */
    enum Control { DONE, IGNORED }

    /**
     * One message: its header and what it said: a {@link LinkMessage}, {@link AddressMessage},
     * {@link RouteMessage}, {@link NeighborMessage}, {@link NetlinkErrorCodec.NetlinkError},
     * {@link Control#DONE}, {@link Control#IGNORED}, or a {@link NetlinkCodecException} if it was malformed.
     */
    record Frame(NetlinkHeader header, Object body) {
        boolean malformed() {
            return body instanceof NetlinkCodecException;
        }
    }

    /**
     * @param frames       every message whose header could be read, in order
     * @param malformed    messages that failed to decode (each malformed frame, plus 1 if the walk stopped early)
     * @param framingError why the walk stopped before the end of the datagram, if it did
     */
    record Batch(List<Frame> frames, int malformed, Optional<NetlinkCodecException> framingError) {
    }

    private NetlinkMessages() {
    }

    /** Decodes {@code [position, limit)} of {@code datagram}. Never throws on content. */
    static Batch decode(ByteBuffer datagram) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        int end = b.limit();
        int off = b.position();
        List<Frame> frames = new ArrayList<>();
        int malformed = 0;
        while (off < end) {
            NetlinkHeader h;
            try {
                h = NetlinkHeader.decode(b, off, end);
            } catch (NetlinkCodecException e) {
                return new Batch(List.copyOf(frames), malformed + 1, Optional.of(e));
            }
            Frame f = new Frame(h, body(b, off, h));
            if (f.malformed()) {
                malformed++;
            }
            frames.add(f);
            // The last message of a datagram may omit its padding.
            off += Math.min(NetlinkHeader.align(h.length()), end - off);
        }
        return new Batch(List.copyOf(frames), malformed, Optional.empty());
    }

    /**
     * Decodes the one message at the start of {@code [position, limit)} and returns its body
     * (as {@link Frame#body()}, never an exception object); throws if it is malformed.
     */
    static Object decodeOne(ByteBuffer message) throws NetlinkCodecException {
        ByteBuffer b = message.duplicate().order(ByteOrder.nativeOrder());
        NetlinkHeader h = NetlinkHeader.decode(b, b.position(), b.limit());
        return decodeBody(b, b.position(), h);
    }

    private static Object body(ByteBuffer b, int offset, NetlinkHeader h) {
        try {
            return decodeBody(b, offset, h);
        } catch (NetlinkCodecException e) {
            return e;
        }
    }

    private static Object decodeBody(ByteBuffer b, int offset, NetlinkHeader h) throws NetlinkCodecException {
        return switch (h.type()) {
            case Rtnetlink.NLMSG_DONE -> Control.DONE;
            case Rtnetlink.NLMSG_ERROR -> NetlinkErrorCodec.decode(b, offset, h);
            case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK ->
                    LinkMessageCodec.decode(b, offset, h).<Object>map(m -> m).orElse(Control.IGNORED);
            case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR -> AddressMessageCodec.decode(b, offset, h);
            case Rtnetlink.RTM_NEWROUTE, Rtnetlink.RTM_DELROUTE -> RouteMessageCodec.decode(b, offset, h);
            case Rtnetlink.RTM_NEWNEIGH, Rtnetlink.RTM_DELNEIGH ->
                    NeighborMessageCodec.decode(b, offset, h).<Object>map(m -> m).orElse(Control.IGNORED);
            default -> Control.IGNORED;
        };
    }
}
