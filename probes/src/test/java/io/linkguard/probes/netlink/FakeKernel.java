package io.linkguard.probes.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted kernel behind {@link NetlinkTransport}: answers each dump request with the messages
 * set for its type (rewritten with the request's sequence and our port) and NLMSG_DONE, and lets a
 * test queue notifications, an overrun (ENOBUFS) or a socket failure.
 */
final class FakeKernel implements NetlinkTransport {
    static final int PORT = 77;
    private static final Object OVERRUN = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Map<Integer, List<byte[]>> dumps = new ConcurrentHashMap<>();
    final List<Integer> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;

    /** What a dump of {@code getType} (RTM_GETLINK, ...) returns from now on. */
    void dump(int getType, byte[]... messages) {
        dumps.put(getType, List.of(messages));
    }

    void notify(byte[]... messages) {
        queue.add(Golden.datagram(List.of(messages)).order(ByteOrder.nativeOrder()));
    }

    void overrun() {
        queue.add(OVERRUN);
    }

    void fail(IOException e) {
        queue.add(e);
    }

    @Override
    public int portId() {
        return PORT;
    }

    @Override
    public void send(ByteBuffer request) {
        ByteBuffer b = request.duplicate().order(ByteOrder.nativeOrder());
        int type = Short.toUnsignedInt(b.getShort(b.position() + NetlinkHeader.TYPE));
        int seq = b.getInt(b.position() + NetlinkHeader.SEQ);
        requests.add(type);
        List<byte[]> reply = new ArrayList<>();
        for (byte[] m : dumps.getOrDefault(type, List.of())) {
            reply.add(Golden.with(m, seq, PORT, Rtnetlink.NLM_F_MULTI));
        }
        reply.add(Golden.with(Golden.DONE, seq, PORT, Rtnetlink.NLM_F_MULTI));
        queue.add(Golden.datagram(reply).order(ByteOrder.nativeOrder()));
    }

    @Override
    public ByteBuffer receive(int timeoutMillis) throws IOException {
        Object o;
        try {
            o = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (o == OVERRUN) {
            throw new Overrun();
        }
        if (o instanceof IOException e) {
            throw e;
        }
        return (ByteBuffer) o;
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** {@code message} (a golden RTM_NEWLINK) with another index, name byte and type. */
    static byte[] link(int type, int index, char nameSuffix, int flags) {
        byte[] c = Golden.NEWLINK.clone();
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.nativeOrder());
        b.putShort(NetlinkHeader.TYPE, (short) type);
        b.putInt(NetlinkHeader.BYTES + LinkMessageCodec.INDEX, index);
        b.putInt(NetlinkHeader.BYTES + LinkMessageCodec.FLAGS, flags);
        c[NetlinkHeader.BYTES + LinkMessageCodec.BYTES + 4 + 3] = (byte) nameSuffix; // "eth0" -> "ethX"
        return c;
    }
}
