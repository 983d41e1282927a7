package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each benchmark in its --quick smoke mode so the scripts cannot rot.
 * Nothing is timed or asserted about speed here: only that each runs end to
 * end and every tool in it got its replies (or, for the BFD ones, printed its summary).
 */
@Tag("netns")
class BenchSmokeIT {
    private static Path root() {
        return Path.of(System.getenv().getOrDefault("LINKGUARD_PROJECT_ROOT", "..")).toAbsolutePath().normalize();
    }

    @Test
    void rttAccuracyQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/rtt-accuracy").toString(), "--quick"), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("(50/50 replies)").contains("ping median").contains("(quick mode: not recorded)");
    }

    @Test
    void icmpCostQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/icmp-cost").toString(), "--quick"), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("linkguard: .* (4[0-9]|5[0-9]) replies")
                .contains("fping:").contains("blackbox:").contains("(quick mode: not recorded)");
    }

    @Test
    void bfdDetectQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/bfd-detect").toString(), "--quick"), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("linkguard +50 ms x 3: p50 ").containsPattern("frr +50 ms x 3: p50 ")
                .containsPattern("linkguard +10 ms x 3: p50 ").containsPattern("frr +10 ms x 3: p50 ")
                .contains("(quick mode: not recorded)");
    }

    @Test
    void bfdScaleQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/bfd-scale").toString(), "--quick"), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("linkguard +N=20: Up ").containsPattern("frr +N=20: Up ")
                .contains("(quick mode: not recorded)");
    }

    @Test
    void startupFootprintQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/startup-footprint").toString(), "--quick"), 600);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("packaged: READY mean [0-9]+ ms .*, 3/3 starts")
                .containsPattern("plain: +READY mean [0-9]+ ms .*, 3/3 starts")
                .containsPattern("packaged VmRSS [0-9.]+ MB, VmHWM [0-9.]+ MB .*20/20 icmp, 20/20 tcp")
                .containsPattern("plain +VmRSS [0-9.]+ MB, VmHWM [0-9.]+ MB .*20/20 icmp, 20/20 tcp")
                .contains("(quick mode: not recorded)");
    }

    @Test
    void pmtuQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/pmtu").toString(), "--quick"), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("linkguard ipv4 ptb: pmtu 1400 (1/1 runs)")
                .containsPattern("linkguard ipv4 no-ptb: pmtu 1400 \\(1/1 runs\\).*black hole 1/1")
                .contains("linkguard ipv6 ptb: pmtu 1280 (1/1 runs)")
                .containsPattern("linkguard ipv6 no-ptb: pmtu 1280 \\(1/1 runs\\).*black hole 1/1")
                .contains("tracepath ipv4 ptb: pmtu 1400 (1/1 runs)").contains("tracepath ipv4 no-ptb: pmtu ")
                .contains("(quick mode: not recorded)");
    }

    @Test
    void failoverQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("env", "LINKGUARD_BENCH_CLASSPATH=" + System.getProperty("java.class.path"),
                "bash", root().resolve("bench/failover").toString(), "--quick"), 600);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("RESULT interval=50 cuts=3 route_p50_ms=[0-9.]+ ")
                .contains("(quick mode: not recorded)");
    }

    /** The busy mode: the CPU-bound loop ran beside the whole run and the row says so. */
    @Test
    void failoverQuickBusy() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("env", "LINKGUARD_BENCH_CLASSPATH=" + System.getProperty("java.class.path"),
                "bash", root().resolve("bench/failover").toString(), "--quick", "--busy"), 600);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("busy: the loop got [0-9]+% of a CPU over [0-9]+ s")
                .containsPattern("RESULT interval=50 cuts=3 route_p50_ms=[0-9.]+ ")
                .contains("(quick mode: not recorded) | ").contains(" | 50 ms x 3, busy | ");
    }

    /** Needs the agent's interface_down detection (issue 13): without it the driver says so and fails. */
    @Test
    void ifaceDownQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("env", "LINKGUARD_BENCH_CLASSPATH=" + System.getProperty("java.class.path"),
                "bash", root().resolve("bench/iface-down").toString(), "--quick"), 600);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("ready: topology up, link Up, primary route installed")
                .containsPattern("RESULT cuts=3 route_p50_ms=[0-9.]+ ").contains("(quick mode: not recorded)");
    }

    /** The chaos soak's invariants are its own assertions: it exits 0 only when none was breached. */
    @Test
    void soakQuick() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("bash", root().resolve("bench/soak").toString(), "--quick"), 400);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("SUMMARY links=20 duration_s=60 .* breaches=0")
                .contains("soak: PASS 20 links, 60 s, every invariant held").doesNotContain("BREACH")
                .contains("(quick mode: not recorded)");
    }
}
