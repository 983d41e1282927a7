package io.linkguard.probes.netlink;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every prefix of every {@link Golden} message: as received (nlmsg_len still the full length) it is
 * a framing error; with nlmsg_len fixed to the prefix, the body must decode or fail with
 * {@link NetlinkCodecException}, never BufferUnderflowException or IndexOutOfBoundsException.
 */
class NetlinkCodecPrefixTest {
    @Test
    void everyTruncatedMessageIsACodecError() {
        for (Map.Entry<String, byte[]> e : Golden.ALL.entrySet()) {
            byte[] m = e.getValue();
            for (int n = 0; n < m.length; n++) {
                byte[] prefix = Arrays.copyOf(m, n);
                assertThatThrownBy(() -> NetlinkMessages.decodeOne(ByteBuffer.wrap(prefix)))
                        .as(e.getKey() + " prefix " + n).isInstanceOf(NetlinkCodecException.class)
                        .hasMessageMatching(".+ \\(expected: .+\\)");
                NetlinkMessages.Batch batch = NetlinkMessages.decode(ByteBuffer.wrap(prefix));
                assertThat(batch.frames()).as(e.getKey() + " prefix " + n).isEmpty();
                assertThat(batch.malformed()).as(e.getKey() + " prefix " + n).isEqualTo(n == 0 ? 0 : 1);
            }
        }
    }

    @Test
    void everyPrefixWithAConsistentLengthDecodesOrFailsCleanly() {
        for (Map.Entry<String, byte[]> e : Golden.ALL.entrySet()) {
            byte[] m = e.getValue();
            for (int n = NetlinkHeader.BYTES; n <= m.length; n++) {
                byte[] prefix = Arrays.copyOf(m, n);
                ByteBuffer.wrap(prefix).order(ByteOrder.nativeOrder()).putInt(0, n);
                Throwable t = catchThrowable(() -> NetlinkMessages.decodeOne(ByteBuffer.wrap(prefix)));
                if (t != null) {
                    assertThat(t).as(e.getKey() + " prefix " + n).isInstanceOf(NetlinkCodecException.class);
                }
                NetlinkMessages.Batch batch = NetlinkMessages.decode(ByteBuffer.wrap(prefix));
                assertThat(batch.frames()).as(e.getKey() + " prefix " + n).hasSize(1);
                assertThat(batch.malformed()).isEqualTo(t == null ? 0 : 1);
            }
        }
    }
}
