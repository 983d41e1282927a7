package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code linkguard mtu} from the packaged jar, in A of an A — R — B topology whose R — B link
 * is the bottleneck: against tracepath on the same path, with R's PTBs delivered and dropped,
 * over IPv4 and IPv6, and bounded in probes.
 */
@Tag("netns")
class PmtuIT {
    private static final Pattern TRACEPATH_RESUME = Pattern.compile("Resume: pmtu (\\d+)");

    private static JsonObject mtuJson(RouterTopology t, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("mtu", "--json"));
        argv.addAll(List.of(args));
        Cmd.Result r = Cmd.run(t.linkguardInA(argv.toArray(String[]::new)), 120);
        assertThat(r.exit()).as(r.out()).isZero();
        String json = r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(
                () -> new AssertionError("no JSON in:\n" + r.out()));
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static int tracepathPmtu(RouterTopology t, String peer) throws IOException, InterruptedException {
        Cmd.Result r = Cmd.run(TwoHosts.in(t.a, "tracepath", "-n", peer), 60);
        Matcher m = TRACEPATH_RESUME.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void ipv4BottleneckOf1400IsWhatTracepathReports() throws Exception {
        try (RouterTopology t = new RouterTopology(1400)) {
            JsonObject r = mtuJson(t, RouterTopology.B_V4);

            assertThat(r.getInt("pmtu_bytes")).as(r.toString()).isEqualTo(1400);
            assertThat(r.getBoolean("converged")).isTrue();
            assertThat(r.getBoolean("ptb_seen")).isTrue();
            assertThat(r.getInt("ptb_mtu_bytes")).isEqualTo(1400);
            assertThat(r.getBoolean("black_hole")).isFalse();
            assertThat(tracepathPmtu(t, RouterTopology.B_V4)).isEqualTo(r.getInt("pmtu_bytes"));
        }
    }

    @Test
    void droppedFragmentationNeededIsABlackHoleAndTheSearchStillFinds1400() throws Exception {
        try (RouterTopology t = new RouterTopology(1400)) {
            t.dropPtb();

            JsonObject r = mtuJson(t, "--timeout", "500ms", RouterTopology.B_V4);

            assertThat(r.getInt("pmtu_bytes")).as(r.toString()).isEqualTo(1400);
            assertThat(r.getBoolean("converged")).isTrue();
            assertThat(r.getBoolean("ptb_seen")).isFalse();
            assertThat(r.getBoolean("black_hole")).isTrue();
            assertThat(r.getInt("black_hole_above_bytes")).isEqualTo(1401);
            assertThat(r.getInt("probes")).isPositive().isLessThanOrEqualTo(r.getInt("max_probes"));

            Cmd.Result text = Cmd.run(t.linkguardInA("mtu", "--timeout", "500ms", RouterTopology.B_V4), 120);
            assertThat(text.exit()).as(text.out()).isZero();
            assertThat(text.out()).contains("Resume: pmtu 1400").contains("ptb seen: no")
                    .contains("black hole above 1400: no PTB received");
        }
    }

    @Test
    void ipv6BottleneckOf1280WithAndWithoutPacketTooBig() throws Exception {
        try (RouterTopology t = new RouterTopology(1280)) {
            JsonObject withPtb = mtuJson(t, RouterTopology.B_V6);
            assertThat(withPtb.getInt("pmtu_bytes")).as(withPtb.toString()).isEqualTo(1280);
            assertThat(withPtb.getBoolean("ptb_seen")).isTrue();
            assertThat(withPtb.getInt("ptb_mtu_bytes")).isEqualTo(1280);
            assertThat(tracepathPmtu(t, RouterTopology.B_V6)).isEqualTo(1280);

            t.dropPtb();
            JsonObject filtered = mtuJson(t, "--timeout", "500ms", RouterTopology.B_V6);
            assertThat(filtered.getInt("pmtu_bytes")).as(filtered.toString()).isEqualTo(1280);
            assertThat(filtered.getBoolean("ptb_seen")).isFalse();
            assertThat(filtered.getBoolean("black_hole")).isTrue();
            assertThat(filtered.getInt("black_hole_above_bytes")).isEqualTo(1281);
        }
    }

    @Test
    void theProbeCountIsCappedAndReported() throws Exception {
        try (RouterTopology t = new RouterTopology(1400)) {
            t.dropPtb(); // the expensive case: every size above 1400 waits out MAX_PROBES timeouts

            JsonObject r = mtuJson(t, "--timeout", "300ms", "--max-probes", "6", RouterTopology.B_V4);

            assertThat(r.getInt("max_probes")).isEqualTo(6);
            assertThat(r.getInt("probes")).as(r.toString()).isEqualTo(6);
            assertThat(r.getBoolean("converged")).isFalse();
            assertThat(r.getString("error")).contains("probe cap of 6");
            assertThat(r.getInt("pmtu_bytes")).isBetween(1200, 1400); // a confirmed lower bound
        }
    }

    @Test
    void aPeerThatNeverAnswersExitsOneAndBadUsageExitsTwo() throws Exception {
        try (RouterTopology t = new RouterTopology(1400)) {
            Cmd.Result none = Cmd.run(t.linkguardInA("mtu", "--timeout", "200ms", "198.18.10.99"), 120);
            assertThat(none.exit()).as(none.out()).isEqualTo(1);
            assertThat(none.out()).contains("Resume: pmtu unknown").contains("no reply");

            Cmd.Result bad = Cmd.run(t.linkguardInA("mtu", "--max", "40", RouterTopology.B_V4), 60);
            assertThat(bad.exit()).as(bad.out()).isEqualTo(2);
            assertThat(bad.out().lines().filter(l -> !l.isBlank())).containsExactly(
                    "linkguard: --max 40 (expected: 68..65535 for IPv4)");

            Cmd.Result name = Cmd.run(t.linkguardInA("mtu", "peer.example"), 60);
            assertThat(name.exit()).isEqualTo(2);
            assertThat(name.out()).contains("no DNS name");
        }
    }

    @Test
    void withoutCapNetRawTheErrorIsOneLine() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs",
                AgentProcess.java(), "--enable-native-access=ALL-UNNAMED", "-jar", AgentProcess.jar(),
                "mtu", "127.0.0.1"), 60);
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(r.out()).hasSize(1);
        assertThat(lines.getFirst()).startsWith("linkguard: raw ICMP needs CAP_NET_RAW").contains("EPERM");
    }

    /**
     * {@code PmtuMonitor} with real sockets in A, searching hourly: when R's link narrows, the
     * checks between searches notice and a search runs at once, first by the PTB the check probe
     * draws, then, with PTBs dropped, by three failed checks while the small probe passes.
     */
    @Test
    void theMonitorSearchesAgainOnItsOwnWhenTheBottleneckShrinks() throws Exception {
        try (RouterTopology t = new RouterTopology(1400)) {
            Process p = new ProcessBuilder(TwoHosts.in(t.a, AgentProcess.java(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), PmtuMonitorMain.class.getName(),
                    RouterTopology.B_V4, "3600000", "200", "90")).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            StringBuilder all = new StringBuilder();
            Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        synchronized (all) {
                            all.append(l).append('\n');
                        }
                        lines.add(l);
                    }
                } catch (IOException e) {
                    lines.add("read failed: " + e);
                }
            });
            try {
                assertThat(nextSearch(lines, all)).contains("pmtu=1400 ").contains("ptb=true");

                t.setBottleneck(1300);
                assertThat(nextSearch(lines, all)).contains("pmtu=1300 ").contains("ptb=true");

                t.dropPtb();
                t.setBottleneck(1200);
                assertThat(nextSearch(lines, all)).contains("pmtu=1200 ").contains("black_hole=true")
                        .contains("ptb=false");
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                reader.join(5000);
            }
        }
    }

    /** The next "search" line, within a liveness bound (the hourly search is never due in the test). */
    private static String nextSearch(BlockingQueue<String> lines, StringBuilder all) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l != null && l.startsWith("search ")) {
                return l;
            }
        }
        synchronized (all) {
            throw new AssertionError("no search within 30 s; monitor output:\n" + all);
        }
    }

    /**
     * Path-MTU probes draw PTBs, and the kernel reports every ICMP error about ICMP to a peer to
     * every raw ICMP socket with IP_RECVERR, the RTT probes' one included. Its receive loop must
     * keep going (it used to stop on the pending socket error a PTB leaves behind).
     */
    @Test
    void rttProbesKeepAnsweringWhileProbesDrawPtbs() throws Exception {
        try (RouterTopology t = new RouterTopology(1400)) {
            // 300 DF echo requests of 1500 bytes, IP_PMTUDISC_PROBE so each leaves despite the cached PMTU.
            String script = "import socket,time\n"
                    + "s=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_ICMP)\n"
                    + "s.setsockopt(socket.IPPROTO_IP,10,3)\n"
                    + "p=bytes([8,0,0xf7,0xff])+bytes(1476)\n" // ICMP 1480 bytes: a 1500-byte IP packet
                    + "for i in range(300):\n s.sendto(p,('" + RouterTopology.B_V4 + "',0)); time.sleep(0.01)\n";
            Process ptbs = new ProcessBuilder(TwoHosts.in(t.a, "python3", "-c", script))
                    .redirectErrorStream(true).start();
            try {
                Cmd.Result ping = Cmd.run(t.linkguardInA("ping", "-c", "100", "-i", "0.02", "-W", "1", "--json",
                        RouterTopology.B_V4), 120);
                JsonObject r = Json.createReader(new StringReader(ping.out().lines()
                        .filter(l -> l.startsWith("{")).findFirst().orElseThrow())).readObject();
                assertThat(r.getInt("received")).as(ping.out()).isGreaterThanOrEqualTo(95);
            } finally {
                if (!ptbs.waitFor(30, TimeUnit.SECONDS)) {
                    ptbs.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            assertThat(ptbs.exitValue()).as(new String(ptbs.getInputStream().readAllBytes())).isZero();
        }
    }
}
