package io.linkguard.probes.netlink;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RtnetlinkSocket's reply matching against a scripted kernel: sequence and port checks, malformed parts. */
class RtnetlinkSocketFakeTest {
    private static final RouteRequest ROUTE = RouteRequest.main(InetAddress.ofLiteral("10.2.0.0"), 16,
            Optional.of(InetAddress.ofLiteral("10.0.0.9")), 0);

    /** Answers each request with the datagrams {@code reply} makes from its sequence number. */
    private static final class Scripted implements NetlinkTransport {
        private final IntFunction<List<ByteBuffer>> reply;
        private final Deque<ByteBuffer> queue = new ArrayDeque<>();

        Scripted(IntFunction<List<ByteBuffer>> reply) {
            this.reply = reply;
        }

        @Override
        public int portId() {
            return FakeKernel.PORT;
        }

        @Override
        public void send(ByteBuffer request) {
            queue.addAll(reply.apply(request.duplicate().order(ByteOrder.nativeOrder()).getInt(NetlinkHeader.SEQ)));
        }

        @Override
        public ByteBuffer receive(int timeoutMillis) {
            return queue.poll();
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuffer datagram(byte[]... messages) {
        return Golden.datagram(List.of(messages));
    }

    @Test
    void aLateReplyToAnEarlierRequestAndAnotherPortsReplyAreSkipped() throws Exception {
        RtnetlinkSocket s = new RtnetlinkSocket(new Scripted(seq -> List.of(
                datagram(Golden.with(Golden.ERROR_ENODEV, seq - 1, FakeKernel.PORT, 0)),
                datagram(Golden.with(Golden.ERROR_ENODEV, seq, FakeKernel.PORT + 1, 0)),
                datagram(Golden.with(Golden.ACK, seq, FakeKernel.PORT, 0)))));
        s.replaceRoute(ROUTE); // no exception: only the matching ack counts
    }

    @Test
    void aRefusalNamesTheRequest() {
        RtnetlinkSocket s = new RtnetlinkSocket(new Scripted(seq -> List.of(
                datagram(Golden.with(Golden.ERROR_ENODEV, seq, FakeKernel.PORT, 0)))));
        assertThatThrownBy(() -> s.deleteRoute(ROUTE)).isInstanceOf(RtnetlinkException.class)
                .hasMessage("delete route 10.2.0.0/16 via 10.0.0.9 table 254: no such device (ENODEV)");
    }

    @Test
    void noAnswerIsAnIoExceptionNotAHang() {
        RtnetlinkSocket s = new RtnetlinkSocket(new Scripted(seq -> List.of()));
        assertThatThrownBy(s::links).isInstanceOf(java.io.IOException.class)
                .hasMessage("dump links: no answer from the kernel within 2000 ms");
    }

    @Test
    void aMalformedPartOfADumpIsCountedAndTheRestKept() throws Exception {
        byte[] bad = Golden.NEWLINK.clone();
        bad[NetlinkHeader.BYTES + LinkMessageCodec.BYTES] = 2; // IFLA_IFNAME rta_len 2 < 4
        RtnetlinkSocket s = new RtnetlinkSocket(new Scripted(seq -> List.of(
                datagram(Golden.with(bad, seq, FakeKernel.PORT, Rtnetlink.NLM_F_MULTI),
                        Golden.with(Golden.NEWLINK, seq, FakeKernel.PORT, Rtnetlink.NLM_F_MULTI)),
                datagram(Golden.with(Golden.DONE, seq, FakeKernel.PORT, Rtnetlink.NLM_F_MULTI)))));
        assertThat(s.links()).extracting(LinkMessage::name).containsExactly("eth0");
        assertThat(s.malformed()).isEqualTo(1);
    }
}
