package io.linkguard.agent.it;

import io.linkguard.agent.emulator.LinkEmulator;
import io.linkguard.probes.testing.Privileged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover test bed, all in namespaces this test creates:
 * <pre>
 *   site A (client, agent)  ==emu0 (LinkEmulator: the tunnel)==  site B (server 10.20.0.1:8080, peer agent)
 *        198.18.10.1                                                 198.18.10.2
 *        \ wan0 198.18.1.1                                          / 198.18.2.2
 *         \__ C "public proxy" 198.18.1.2 .. 198.18.2.1 (haproxy) __/
 * </pre>
 * The server answers with the client address it sees: 198.18.10.1 when the
 * request came through the tunnel, 198.18.2.1 when haproxy in C forwarded it.
 */
final class FailoverTopology implements AutoCloseable {
    static final String A_TUN = "198.18.10.1";
    static final String B_TUN = "198.18.10.2";
    static final String SERVER = "10.20.0.1";
    static final String VIA_TUNNEL = A_TUN;
    static final String VIA_PROXY = "198.18.2.1";

    final String a;
    final String b;
    final String c;
    final LinkEmulator tunnel;
    final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    FailoverTopology() throws Exception {
        Privileged.assumeRoot();
        String tag = Long.toString(ProcessHandle.current().pid(), 36) + Integer.toString((int) (System.nanoTime() & 0xfff), 36);
        a = "lg-fa-" + tag;
        b = "lg-fb-" + tag;
        c = "lg-fc-" + tag;
        dir = Files.createTempDirectory("linkguard-failover");
        LinkEmulator emu = null;
        try {
            for (String ns : List.of(a, b, c)) {
                Cmd.ok("ip", "netns", "add", ns);
                namespaces.add(ns);
                Cmd.ok("ip", "-n", ns, "link", "set", "lo", "up");
            }
            veth(a, "wan0", "198.18.1.1/30", c, "wan0", "198.18.1.2/30", tag + "x");
            veth(c, "lan0", "198.18.2.1/30", b, "lan0", "198.18.2.2/30", tag + "y");
            emu = LinkEmulator.builder(a, b).addresses(A_TUN, B_TUN).interfaceName("emu0").start();
            Cmd.ok("ip", "-n", b, "addr", "add", SERVER + "/32", "dev", "lo");
            // C reaches the server over its LAN; B answers C over it too.
            Cmd.ok("ip", "-n", c, "route", "add", "10.20.0.0/16", "via", "198.18.2.2");
            // A starts on the tunnel.
            Cmd.ok("ip", "-n", a, "route", "add", "10.20.0.0/16", "via", B_TUN, "dev", "emu0");
            // The "public proxy": haproxy in C takes connections meant for the server and forwards them.
            Cmd.ok("ip", "netns", "exec", c, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "-d", SERVER,
                    "--dport", "8080", "-j", "REDIRECT", "--to-ports", "18080");
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, """
                    global
                      maxconn 256
                    defaults
                      mode tcp
                      timeout connect 1s
                      timeout client 5s
                      timeout server 5s
                    frontend proxy
                      bind 0.0.0.0:18080
                      default_backend site_b
                    backend site_b
                      server b %s:8080
                    """.formatted(SERVER));
            start(c, "haproxy", "-db", "-f", cfg.toString());
            start(b, "python3", resource("server.py"), SERVER, "8080", "600");
        } catch (Exception e) {
            if (emu != null) {
                emu.close();
            }
            close();
            throw e;
        }
        tunnel = emu;
    }

    private void veth(String ns1, String if1, String addr1, String ns2, String if2, String addr2, String tag)
            throws IOException, InterruptedException {
        String t1 = "v" + tag + "1";
        String t2 = "v" + tag + "2";
        Cmd.ok("ip", "link", "add", t1, "netns", ns1, "type", "veth", "peer", "name", t2, "netns", ns2);
        Cmd.ok("ip", "-n", ns1, "link", "set", t1, "name", if1);
        Cmd.ok("ip", "-n", ns2, "link", "set", t2, "name", if2);
        Cmd.ok("ip", "-n", ns1, "addr", "add", addr1, "dev", if1);
        Cmd.ok("ip", "-n", ns2, "addr", "add", addr2, "dev", if2);
        Cmd.ok("ip", "-n", ns1, "link", "set", if1, "up");
        Cmd.ok("ip", "-n", ns2, "link", "set", if2, "up");
    }

    static String resource(String name) throws IOException {
        Path p = Files.createTempFile("lg-", "-" + name);
        try (var in = FailoverTopology.class.getResourceAsStream("/failover/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p.toString();
    }

    Process start(String ns, String... argv) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(argv[0].replaceAll(".*/", "") + "-" + processes.size() + ".log").toFile())
                .start();
        processes.add(p);
        return p;
    }

    /** Where the routes for the remote prefix point in A right now. */
    String routeInA() throws IOException, InterruptedException {
        return Cmd.ok("ip", "-n", a, "route", "show", "exact", "10.20.0.0/16").trim();
    }

    @Override
    public void close() throws Exception {
        if (tunnel != null) {
            tunnel.close();
        }
        for (Process p : processes.reversed()) {
            p.destroy();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (String ns : namespaces.reversed()) {
            Cmd.run(List.of("ip", "netns", "del", ns), 30);
        }
        namespaces.clear();
    }
}
