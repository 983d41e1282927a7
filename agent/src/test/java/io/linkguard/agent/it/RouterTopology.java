package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Three namespaces, A — R — B, joined by two veth pairs, routed IPv4 and IPv6: the path-MTU
 * test bed. R forwards; its link toward B is the bottleneck (both ends of that veth get the
 * smaller MTU, as on a real narrow link). R can be made to drop the ICMP "fragmentation needed"
 * and ICMPv6 Packet Too Big messages it generates, which turns the bottleneck into a black hole.
 * Addresses are RFC 2544 and a ULA prefix, inside namespaces this fixture created; every
 * namespace (with its veth ends and firewall rules) is deleted on close.
 */
final class RouterTopology implements AutoCloseable {
    static final String A_V4 = "198.18.10.1";
    static final String R_A_V4 = "198.18.10.2";
    static final String R_B_V4 = "198.18.10.5";
    static final String B_V4 = "198.18.10.6";
    static final String A_V6 = "fd6c:6775:6172:a::1";
    static final String R_A_V6 = "fd6c:6775:6172:a::2";
    static final String R_B_V6 = "fd6c:6775:6172:b::1";
    static final String B_V6 = "fd6c:6775:6172:b::2";
    /** R's interface toward B (the bottleneck), and B's end of that link. */
    static final String R_TO_B = "toB";
    static final String B_TO_R = "toR";

    final String a;
    final String r;
    final String b;
    private final List<String> created = new ArrayList<>();

    RouterTopology(int bottleneckMtu) throws IOException, InterruptedException {
        Privileged.assumeRoot();
        String tag = ProcessHandle.current().pid() + "-" + Integer.toHexString((int) (System.nanoTime() & 0xffff));
        a = "lg-ra-" + tag;
        r = "lg-rr-" + tag;
        b = "lg-rb-" + tag;
        try {
            for (String ns : List.of(a, r, b)) {
                Cmd.ok("ip", "netns", "add", ns);
                created.add(ns);
                Cmd.ok("ip", "-n", ns, "link", "set", "lo", "up");
            }
            String id = Integer.toHexString(tag.hashCode() & 0xfffff);
            link(a, "toR", r, "toA", "lgx" + id, "lgy" + id);
            link(r, R_TO_B, b, B_TO_R, "lgv" + id, "lgw" + id);
            address(a, "toR", A_V4 + "/30", A_V6 + "/64");
            address(r, "toA", R_A_V4 + "/30", R_A_V6 + "/64");
            address(r, R_TO_B, R_B_V4 + "/30", R_B_V6 + "/64");
            address(b, B_TO_R, B_V4 + "/30", B_V6 + "/64");
            Cmd.ok("ip", "-n", a, "route", "add", "default", "via", R_A_V4);
            Cmd.ok("ip", "-n", a, "-6", "route", "add", "default", "via", R_A_V6);
            Cmd.ok("ip", "-n", b, "route", "add", "default", "via", R_B_V4);
            Cmd.ok("ip", "-n", b, "-6", "route", "add", "default", "via", R_B_V6);
            Cmd.ok(in(r, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"));
            setBottleneck(bottleneckMtu);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void link(String ns1, String dev1, String ns2, String dev2, String tmp1, String tmp2)
            throws IOException, InterruptedException {
        Cmd.ok("ip", "link", "add", tmp1, "netns", ns1, "type", "veth", "peer", "name", tmp2, "netns", ns2);
        Cmd.ok("ip", "-n", ns1, "link", "set", tmp1, "name", dev1);
        Cmd.ok("ip", "-n", ns2, "link", "set", tmp2, "name", dev2);
    }

    private static void address(String ns, String dev, String v4, String v6) throws IOException, InterruptedException {
        Cmd.ok("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        // nodad: usable at once instead of after duplicate address detection.
        Cmd.ok("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
        Cmd.ok("ip", "-n", ns, "link", "set", dev, "up");
    }

    /** Sets the MTU of the R — B link (both ends), e.g. to shrink the path while something runs. */
    void setBottleneck(int mtu) throws IOException, InterruptedException {
        Cmd.ok("ip", "-n", r, "link", "set", R_TO_B, "mtu", Integer.toString(mtu));
        Cmd.ok("ip", "-n", b, "link", "set", B_TO_R, "mtu", Integer.toString(mtu));
    }

    /**
     * R drops the PTBs it sends: ICMP fragmentation-needed (iptables) and ICMPv6 packet-too-big
     * (ip6tables). R generates them itself, so OUTPUT is where they die; FORWARD covers PTBs
     * that a router further on would send through R.
     */
    void dropPtb() throws IOException, InterruptedException {
        for (String chain : List.of("OUTPUT", "FORWARD")) {
            Cmd.ok(in(r, "iptables", "-A", chain, "-p", "icmp", "--icmp-type", "fragmentation-needed", "-j", "DROP"));
            Cmd.ok(in(r, "ip6tables", "-A", chain, "-p", "icmpv6", "--icmpv6-type", "packet-too-big", "-j", "DROP"));
        }
    }

    /** argv prefixed to run inside a namespace. */
    static String[] in(String ns, String... argv) {
        return TwoHosts.in(ns, argv).toArray(String[]::new);
    }

    /** argv to run the packaged agent jar inside A. */
    List<String> linkguardInA(String... args) {
        List<String> argv = new ArrayList<>(TwoHosts.in(a, AgentProcess.java(), "--enable-native-access=ALL-UNNAMED",
                AgentProcess.jvmOptions(), "-jar", AgentProcess.jar()));
        argv.addAll(List.of(args));
        return argv;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String ns : created.reversed()) {
            Cmd.run(List.of("ip", "netns", "del", ns), 30);
        }
        created.clear();
    }
}
