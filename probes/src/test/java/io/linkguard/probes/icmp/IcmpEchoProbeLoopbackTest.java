package io.linkguard.probes.icmp;

import io.linkguard.probes.Outcome;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.sched.TimerThreadScheduler;
import io.linkguard.probes.sched.LagListener;
import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("privileged")
class IcmpEchoProbeLoopbackTest {

    private static List<ProbeResult> run(String address, int count) throws Exception {
        Privileged.assumeRoot();
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        IcmpEchoSettings settings = new IcmpEchoSettings(Duration.ofMillis(20), Duration.ofSeconds(1), 56, false, 0, 100);
        try (var scheduler = new TimerThreadScheduler("test-timer", LagListener.NONE);
             var engine = new IcmpEngine(scheduler, new Random(1));
             var a = engine.newProbe("lo", InetAddress.getByName(address), PathBinding.NONE, settings, results::add);
             var b = engine.newProbe("lo2", InetAddress.getByName(address), PathBinding.NONE, settings, results::add)) {
            a.start();
            b.start();
            await().atMost(10, TimeUnit.SECONDS).until(() -> a.stats().received() >= count && b.stats().received() >= count);
            assertThat(a.stats().lost()).isZero();
            assertThat(engine.dropped(IcmpDropReason.MALFORMED)).isZero();
        }
        return results;
    }

    @Test
    void twoStreamsShareOneSocketOnIpv4Loopback() throws Exception {
        List<ProbeResult> results = run("127.0.0.1", 10);
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.SUCCESS)
                .extracting(ProbeResult::link).contains("lo", "lo2");
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.SUCCESS)
                .allSatisfy(r -> assertThat(r.rttNanos()).isBetween(1L, 100_000_000L));
    }

    @Test
    void ipv6LoopbackEcho() throws Exception {
        List<ProbeResult> results = run("::1", 5);
        assertThat(results).anyMatch(r -> r.outcome() == Outcome.SUCCESS && r.target().equals("::1"));
    }

    @Test
    void aListenerThatThrowsDoesNotStopReplies() throws Exception {
        Privileged.assumeRoot();
        long before = io.linkguard.core.supervise.Loops.process().errors("icmp_rx");
        IcmpEchoSettings settings = new IcmpEchoSettings(Duration.ofMillis(20), Duration.ofSeconds(1), 56, false, 0, 100);
        try (var scheduler = new TimerThreadScheduler("test-timer", LagListener.NONE);
             var engine = new IcmpEngine(scheduler, new Random(3));
             var a = engine.newProbe("lo", InetAddress.getByName("127.0.0.1"), PathBinding.NONE, settings, r -> {
                 throw new IllegalStateException("listener bug");
             })) {
            a.start();
            // Before supervision the first reply's exception ended icmp-rx: received stayed at 1.
            await().atMost(10, TimeUnit.SECONDS).until(() -> a.stats().received() >= 5);
        }
        assertThat(io.linkguard.core.supervise.Loops.process().errors("icmp_rx")).isGreaterThanOrEqualTo(before + 4);
    }

    @Test
    void aSocketOpenedAfterAnotherClosedGetsAnUnusedThreadName() throws Exception {
        Privileged.assumeRoot();
        IcmpEchoSettings tos0 = new IcmpEchoSettings(Duration.ofMillis(50), Duration.ofSeconds(1), 56, false, 0, 100);
        IcmpEchoSettings tos1 = new IcmpEchoSettings(Duration.ofMillis(50), Duration.ofSeconds(1), 56, false, 4, 100);
        IcmpEchoSettings tos2 = new IcmpEchoSettings(Duration.ofMillis(50), Duration.ofSeconds(1), 56, false, 8, 100);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (var scheduler = new TimerThreadScheduler("test-timer", LagListener.NONE);
             var engine = new IcmpEngine(scheduler, new Random(5));
             var b = engine.newProbe("b", lo, PathBinding.NONE, tos1, r -> { })) {
            var a = engine.newProbe("a", lo, PathBinding.NONE, tos0, r -> { });
            a.start();
            b.start();
            a.close(); // its socket (the first) closes: one socket left
            try (var c = engine.newProbe("c", lo, PathBinding.NONE, tos2, r -> { })) {
                c.start();
                // Named after the count of open sockets, c's thread took b's name: the heartbeat gauge then
                // had two series with one label set and every scrape failed.
                java.util.function.Supplier<List<String>> names = () -> Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive).map(Thread::getName).filter(t -> t.startsWith("icmp-rx-")).toList();
                await().atMost(10, TimeUnit.SECONDS).until(() -> names.get().size() == 2); // a's thread has ended
                assertThat(names.get()).doesNotHaveDuplicates();
            }
        }
    }
}
