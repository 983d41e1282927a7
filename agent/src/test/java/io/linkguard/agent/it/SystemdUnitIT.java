package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * systemd/linkguard.service, statically (systemd need not be PID 1 here):
 * {@code systemd-analyze verify} finds nothing, and the offline security
 * exposure is no worse than the figure systemd/README.md documents. And, as
 * root, that the unit's capability set is enough: the agent runs as an
 * unprivileged user with exactly those ambient capabilities and no new
 * privileges, and the route action's {@code ip route replace} works with them.
 */
class SystemdUnitIT {
    private static final Pattern EXPOSURE = Pattern.compile(
            "Overall exposure level for linkguard\\.service: ([0-9]+\\.[0-9]) ([A-Z]+)");
    /** The documented figure, as systemd/README.md states it. */
    private static final Pattern DOCUMENTED = Pattern.compile("exposure level: \\*\\*([0-9]+\\.[0-9]) ([A-Z]+)\\*\\*");
    private static final int PORT = 18784;

    private static Path systemdAnalyze() {
        Path p = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(p)) {
            throw new AssertionError(p + " not found: apt-get install systemd");
        }
        return p;
    }

    /**
     * A root directory for {@code verify --root}: the host's unit files (so
     * network-online.target and multi-user.target resolve), our unit, and
     * stand-ins for the two programs it runs, which the Debian package
     * installs and this machine need not have.
     */
    private static Path verifyRoot(String unitText) throws Exception {
        Path root = Files.createTempDirectory("linkguard-unit-root");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("usr/lib/systemd"));
        Files.createDirectories(root.resolve("etc/systemd/system"));
        // Debian's merged /usr: /bin and /lib are links into /usr, relative so they resolve inside the root.
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Path units = Path.of("/usr/lib/systemd/system").toRealPath();
        Cmd.ok("cp", "-a", units.toString(), root.resolve("usr/lib/systemd/").toString());
        for (String exe : List.of("usr/bin/linkguard", "usr/bin/kill")) {
            Path f = root.resolve(exe);
            Files.writeString(f, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(root.resolve("etc/systemd/system/linkguard.service"), unitText);
        return root;
    }

    private static Cmd.Result verify(String unitText) throws Exception {
        Path root = verifyRoot(unitText);
        try {
            return Cmd.run(List.of(systemdAnalyze().toString(), "verify", "--root=" + root, "linkguard.service"), 120);
        } finally {
            Cmd.run(List.of("rm", "-rf", root.toString()), 60);
        }
    }

    @Test
    void verifyFindsNothing() throws Exception {
        Cmd.Result r = verify(Files.readString(ObservabilityFiles.unit()));
        assertThat(r.exit()).as("systemd-analyze verify:%n%s", r.out()).isZero();
        assertThat(r.out()).as("systemd-analyze verify output (unknown keys, bad values, missing units)").isBlank();
    }

    @Test
    void verifyWouldReportAnUnknownKey() throws Exception {
        // The control for the test above: an empty output means something only if verify reads the unit.
        String broken = Files.readString(ObservabilityFiles.unit()).replace("[Service]\n", "[Service]\nProtectEverything=yes\n");
        Cmd.Result r = verify(broken);
        assertThat(r.out()).contains("Unknown key").contains("ProtectEverything");
    }

    @Test
    void securityExposureIsNoWorseThanDocumented() throws Exception {
        Cmd.Result r = Cmd.run(List.of(systemdAnalyze().toString(), "security", "--offline=true",
                ObservabilityFiles.unit().toString()), 120);
        assertThat(r.exit()).as("systemd-analyze security:%n%s", r.out()).isZero();
        Matcher m = EXPOSURE.matcher(r.out());
        assertThat(m.find()).as("exposure line in:%n%s", r.out()).isTrue();
        double measured = Double.parseDouble(m.group(1));
        Matcher doc = DOCUMENTED.matcher(Files.readString(ObservabilityFiles.root().resolve("systemd/README.md")));
        assertThat(doc.find()).as("systemd/README.md states 'exposure level: **N.N RATING**'").isTrue();
        double documented = Double.parseDouble(doc.group(1));
        System.out.printf("systemd-analyze security: %s %s (documented %s %s)%n", m.group(1), m.group(2),
                doc.group(1), doc.group(2));
        assertThat(m.group(2)).as("rating").isIn("OK", "SAFE", "PERFECT");
        assertThat(measured).as("exposure; the README documents %s:%n%s", documented, r.out())
                .isLessThanOrEqualTo(documented);
    }

    @Test
    void unitKeepsWhatTheAgentNeeds() throws Exception {
        String unit = Files.readString(ObservabilityFiles.unit());
        assertThat(unit).contains("\nType=notify\n", "\nNotifyAccess=main\n", "\nWatchdogSec=10s\n",
                "\nExecStart=/usr/bin/linkguard run --config /etc/linkguard/linkguard.yml\n",
                "\nExecReload=/bin/kill -HUP $MAINPID\n", "\nUser=linkguard\n", "\nStateDirectory=linkguard\n",
                "\nAmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN\n", "\nCapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN\n",
                "\nRestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK AF_PACKET\n");
        // Each of these breaks the agent: the JIT's W+X memory; the host's network, routes and
        // capabilities in its namespace; rtnetlink and /proc/sys; a dynamic user's spool ownership.
        for (String breaking : List.of("MemoryDenyWriteExecute=yes", "PrivateNetwork=yes", "PrivateUsers=yes",
                "ProcSubset=pid", "DynamicUser=yes")) {
            assertThat(unit.lines().map(String::strip)).as("must not set " + breaking).doesNotContain(breaking);
        }
    }

    /** The capability names of a unit key, lower case without CAP_, as setpriv wants them. */
    private static String caps(String unit, String key) {
        String line = unit.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        for (String c : line.substring(key.length() + 1).trim().split("\\s+")) {
            out.add("+" + c.toLowerCase(Locale.ROOT).replace("cap_", ""));
        }
        return "-all," + String.join(",", out);
    }

    /** argv prefix that runs as nobody with the unit's ambient and bounding capabilities and NoNewPrivileges. */
    private static List<String> asUnit(String ns, String ambient, String bounding) {
        return TwoHosts.in(ns, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=" + ambient, "--ambient-caps=" + ambient, "--bounding-set=" + bounding, "--no-new-privs");
    }

    @Test
    @Tag("netns")
    void theUnitsCapabilitiesAreEnoughForTheAgentAndTheRouteAction() throws Exception {
        Privileged.assumeRoot();
        String unit = Files.readString(ObservabilityFiles.unit());
        String ambient = caps(unit, "AmbientCapabilities");
        String bounding = caps(unit, "CapabilityBoundingSet");
        try (TwoHosts hosts = new TwoHosts()) {
            // The RTM_NEWROUTE RouteAction sends over rtnetlink (ip sends the same message), as the service
            // user: works with CAP_NET_ADMIN, and only with it.
            List<String> replace = List.of("/usr/sbin/ip", "-4", "route", "replace", "10.20.0.0/16", "via",
                    TwoHosts.PEER_V4, "dev", "tun0");
            List<String> route = new ArrayList<>(asUnit(hosts.agentNs, ambient, bounding));
            route.addAll(replace);
            Cmd.Result ok = Cmd.run(route, 30);
            assertThat(ok.exit()).as("ip route replace with %s: %s", ambient, ok.out()).isZero();
            assertThat(hosts.inAgent("ip", "route", "show", "exact", "10.20.0.0/16")).contains("via " + TwoHosts.PEER_V4);
            List<String> noAdmin = new ArrayList<>(asUnit(hosts.agentNs, "-all,+net_raw", "-all,+net_raw"));
            noAdmin.addAll(replace);
            assertThat(Cmd.run(noAdmin, 30).exit()).as("the same without CAP_NET_ADMIN").isNotZero();

            // The agent itself: raw ICMP, SO_BINDTODEVICE, BFD sockets and the echo packet socket.
            Path dir = Files.createTempDirectory("linkguard-unit-caps");
            Path cfg = dir.resolve("linkguard.yml");
            // As StateDirectory= would: owned by the service user.
            Path state = Files.createDirectory(dir.resolve("state"));
            Cmd.ok("chown", "65534:65534", state.toString());
            Files.writeString(cfg, FullAgentConfig.yaml(PORT, state));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-r--r--"));
            Path log = dir.resolve("agent.log");
            List<String> argv = new ArrayList<>(asUnit(hosts.agentNs, ambient, bounding));
            argv.addAll(List.of(AgentProcess.java(), "--enable-native-access=ALL-UNNAMED",
                    AgentProcess.jvmOptions(), "-jar", AgentProcess.jar(), "run", "--config", cfg.toString()));
            Process agent = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String replies = "linkguard_icmp_replies_total{link=\"" + FullAgentConfig.LINK + "\",target=\""
                        + TwoHosts.PEER_V4 + "\"}";
                String bfdSent = "linkguard_bfd_control_packets_sent_total{link=\"" + FullAgentConfig.LINK
                        + "\",peer=\"" + TwoHosts.PEER_V4 + "\"}";
                String pmtu = "linkguard_path_mtu_bytes{link=\"" + FullAgentConfig.LINK + "\",peer=\""
                        + TwoHosts.PEER_V4 + "\"}";
                Metrics m = awaitMetrics(hosts.agentNs, agent, log, List.of(replies, bfdSent, pmtu),
                        Duration.ofSeconds(40));
                assertThat(m.get(replies)).as("ICMP replies as the service user").isPositive();
                assertThat(m.get(bfdSent)).as("BFD control packets sent as the service user").isPositive();
                assertThat(m.get(pmtu)).as("path MTU over the veth (DF probes) as the service user").isEqualTo(1500);
                assertThat(Files.readString(log)).doesNotContain("CAP_NET_RAW").doesNotContain("Exception");
            } finally {
                agent.destroy();
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                Cmd.run(List.of("rm", "-rf", dir.toString()), 30);
            }
        }
    }

    /** Scrapes until every series is positive; fails fast if the agent exits. */
    private static Metrics awaitMetrics(String ns, Process agent, Path log, List<String> series, Duration limit)
            throws Exception {
        AtomicReference<Metrics> last = new AtomicReference<>();
        try {
            Awaitility.await("metrics positive").atMost(limit).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (!agent.isAlive()) {
                            throw new AssertionError("agent exited with " + agent.exitValue() + ":\n"
                                    + Files.readString(log));
                        }
                        Cmd.Result r = Cmd.run(TwoHosts.in(ns, "curl", "-sf", "--max-time", "5",
                                "http://127.0.0.1:" + PORT + "/metrics"), 15);
                        if (r.exit() != 0) {
                            return false;
                        }
                        Metrics m = Metrics.parse(r.out());
                        last.set(m);
                        return series.stream().allMatch(x -> m.get(x) > 0);
                    });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not all of " + series + " positive within " + limit + "; agent said:\n"
                    + Files.readString(log) + "\nmetrics:\n" + last.get(), e);
        }
    }
}
