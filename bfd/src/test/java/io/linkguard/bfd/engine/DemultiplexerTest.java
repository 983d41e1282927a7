package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 5880 §6.3 demultiplexing and the §6.8.1 discriminators, without sockets or sessions. */
class DemultiplexerTest {
    private static final InetAddress PEER = InetAddress.ofLiteral("192.0.2.2");
    private static final InetAddress SELF = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress SELF_2 = InetAddress.ofLiteral("198.51.100.1");

    private final Demultiplexer<String> demux = new Demultiplexer<>();

    private Demultiplexer.Match<String> find(long your, InetAddress source, InetAddress destination, int ifindex,
                                             boolean multihop) {
        return demux.find(your, source, destination, ifindex, multihop);
    }

    @Test
    void aDiscriminatorIsTakenOnce() {
        demux.add(new Demultiplexer.Binding(1, PEER, null, 0, false), "a");
        assertThatThrownBy(() -> demux.add(new Demultiplexer.Binding(1, SELF, null, 0, false), "b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("discriminator in use: 1");
        assertThat(demux.session(1)).isEqualTo("a");
        assertThat(demux.inUse(1)).isTrue();
        assertThat(demux.inUse(2)).isFalse();
    }

    /** Two sessions to one peer over two interfaces (RFC 5881 §3): a zero Your Discriminator goes by interface. */
    @Test
    void yourDiscriminatorZeroGoesToTheSessionOfTheArrivalInterface() {
        demux.add(new Demultiplexer.Binding(1, PEER, null, 3, false), "eth3");
        demux.add(new Demultiplexer.Binding(2, PEER, null, 4, false), "eth4");
        assertThat(find(0, PEER, SELF, 4, false).session()).isEqualTo("eth4");
        assertThat(find(0, PEER, SELF, 3, false).session()).isEqualTo("eth3");
        assertThat(find(0, PEER, SELF, 5, false).drop()).isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
        assertThat(find(0, PEER, SELF, 3, true).drop()).isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
    }

    /** RFC 5883 §4: multihop by source and destination address; a configured local address must match. */
    @Test
    void multihopGoesBySourceAndDestination() {
        demux.add(new Demultiplexer.Binding(1, PEER, SELF, 0, true), "to-self");
        demux.add(new Demultiplexer.Binding(2, PEER, SELF_2, 0, true), "to-self-2");
        assertThat(find(0, PEER, SELF_2, 9, true).session()).isEqualTo("to-self-2");
        assertThat(find(0, PEER, SELF, 9, true).session()).isEqualTo("to-self");
        assertThat(find(1, PEER, SELF_2, 9, true).drop()).isEqualTo(BfdDropReason.SOURCE_MISMATCH);
        // No IP_PKTINFO destination: the discriminator still selects.
        assertThat(find(2, PEER, null, 9, true).session()).isEqualTo("to-self-2");
    }

    @Test
    void aNonzeroYourDiscriminatorMustNameASessionOfThatPeer() {
        demux.add(new Demultiplexer.Binding(1, PEER, null, 0, false), "a");
        assertThat(find(1, PEER, SELF, 7, false).session()).isEqualTo("a");
        assertThat(find(2, PEER, SELF, 7, false).drop()).isEqualTo(BfdDropReason.UNKNOWN_DISCRIMINATOR);
        assertThat(find(1, SELF_2, SELF, 7, false).drop()).isEqualTo(BfdDropReason.SOURCE_MISMATCH);
        assertThat(find(1, null, SELF, 7, false).drop()).isEqualTo(BfdDropReason.SOURCE_MISMATCH);
    }

    /** Removal retires first (Your Discriminator 0 goes to a replacement), then frees the discriminator. */
    @Test
    void retireThenRemove() {
        demux.add(new Demultiplexer.Binding(1, PEER, null, 0, false), "old");
        demux.retire(1);
        assertThat(find(0, PEER, SELF, 7, false).drop()).isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
        assertThat(find(1, PEER, SELF, 7, false).session()).isEqualTo("old");
        demux.add(new Demultiplexer.Binding(2, PEER, null, 0, false), "new");
        assertThat(find(0, PEER, SELF, 7, false).session()).isEqualTo("new");
        demux.remove(1);
        assertThat(demux.inUse(1)).isFalse();
        assertThat(find(1, PEER, SELF, 7, false).drop()).isEqualTo(BfdDropReason.UNKNOWN_DISCRIMINATOR);
        assertThat(find(0, PEER, SELF, 7, false).session()).isEqualTo("new");
        demux.remove(2);
        assertThat(find(0, PEER, SELF, 7, false).drop()).isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
        demux.remove(2); // twice: nothing left to remove
    }

    /** RFC 5880 §6.8.1: bfd.LocalDiscr unique and nonzero, whatever the generator draws. */
    @Test
    void newDiscriminatorsAreNonzeroAndUnique() {
        long[] draws = {0xFFFF_FFFFL, 0xFFFF_FFFFL, 0, 41};
        RandomGenerator scripted = new RandomGenerator() {
            int i;

            @Override
            public long nextLong() {
                return draws[i++];
            }
        };
        // The top of the 32-bit draw maps to 1, never to 0.
        assertThat(demux.newDiscriminator(scripted)).isEqualTo(1);
        demux.add(new Demultiplexer.Binding(1, PEER, null, 0, false), "a");
        // Draws that map to 1 again (0xFFFFFFFF, then 0) are skipped: 1 is in use.
        assertThat(demux.newDiscriminator(scripted)).isEqualTo(42);
    }
}
