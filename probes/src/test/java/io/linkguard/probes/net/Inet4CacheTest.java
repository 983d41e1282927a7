package io.linkguard.probes.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class Inet4CacheTest {
    private static int raw(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    @Test
    void decodesTheAddressInNetworkOrderAndReusesIt() throws Exception {
        Inet4Cache cache = new Inet4Cache();
        InetAddress a = cache.address(raw(198, 18, 0, 2));
        assertThat(a).isEqualTo(InetAddress.getByName("198.18.0.2"));
        assertThat(cache.address(raw(198, 18, 0, 2))).isSameAs(a);
        InetSocketAddress s = cache.socketAddress(raw(10, 255, 0, 1), 3784);
        assertThat(s).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.255.0.1"), 3784));
        assertThat(cache.socketAddress(raw(10, 255, 0, 1), 3784)).isSameAs(s);
        assertThat(cache.socketAddress(raw(10, 255, 0, 1), 49152)).isNotEqualTo(s).extracting(InetSocketAddress::getPort)
                .isEqualTo(49152);
        assertThat(cache.address(raw(255, 255, 255, 255))).isEqualTo(InetAddress.getByName("255.255.255.255"));
    }

    @Test
    void fewPeersKeepItSmallAndManyGrowItToABound() {
        Inet4Cache few = new Inet4Cache();
        for (int round = 0; round < 10_000; round++) {
            few.socketAddress(raw(127, 0, 0, 1 + round % 2), 3784);
        }
        assertThat(few.slots()).isEqualTo(Inet4Cache.MIN_SLOTS);

        Inet4Cache many = new Inet4Cache();
        InetSocketAddress[] last = new InetSocketAddress[1000];
        int hits = 0;
        for (int round = 0; round < 50; round++) {
            hits = 0;
            for (int i = 0; i < last.length; i++) {
                InetSocketAddress s = many.socketAddress(raw(198, 19, i / 250, i % 250), 3784);
                hits += s == last[i] ? 1 : 0;
                last[i] = s;
            }
        }
        assertThat(many.slots()).isBetween(1024, Inet4Cache.MAX_SLOTS);
        assertThat(hits).isGreaterThan(750); // by the last round, most peers are reused, not rebuilt
    }
}
