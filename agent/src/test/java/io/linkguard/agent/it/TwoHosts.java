package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Two network namespaces, "agent" and "peer", joined by a veth pair: the
 * routed path that stands in for a tunnel in tests. Addresses come from the
 * RFC 2544 benchmarking range and a ULA prefix, inside namespaces this test
 * created; nothing leaves the machine. Every namespace is deleted on close,
 * which also removes its veth end and any iptables rules in it.
 */
final class TwoHosts implements AutoCloseable {
    static final String AGENT_V4 = "198.18.0.1";
    static final String PEER_V4 = "198.18.0.2";
    static final String AGENT_V6 = "fd6c:6775:6172::1";
    static final String PEER_V6 = "fd6c:6775:6172::2";

    final String agentNs;
    final String peerNs;
    private final List<String> created = new ArrayList<>();

    TwoHosts() throws IOException, InterruptedException {
        Privileged.assumeRoot();
        String tag = ProcessHandle.current().pid() + "-" + Integer.toHexString((int) (System.nanoTime() & 0xffff));
        agentNs = "lg-a-" + tag;
        peerNs = "lg-p-" + tag;
        try {
            add(agentNs);
            add(peerNs);
            String va = "lga" + (tag.hashCode() & 0xfffff);
            String vp = "lgp" + (tag.hashCode() & 0xfffff);
            Cmd.ok("ip", "link", "add", va, "netns", agentNs, "type", "veth", "peer", "name", vp, "netns", peerNs);
            setup(agentNs, va, AGENT_V4, AGENT_V6);
            setup(peerNs, vp, PEER_V4, PEER_V6);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void add(String ns) throws IOException, InterruptedException {
        Cmd.ok("ip", "netns", "add", ns);
        created.add(ns);
        Cmd.ok("ip", "-n", ns, "link", "set", "lo", "up");
    }

    private static void setup(String ns, String dev, String v4, String v6) throws IOException, InterruptedException {
        Cmd.ok("ip", "-n", ns, "link", "set", dev, "name", "tun0");
        Cmd.ok("ip", "-n", ns, "addr", "add", v4 + "/30", "dev", "tun0");
        // nodad: the address is usable at once instead of after duplicate address detection.
        Cmd.ok("ip", "-n", ns, "addr", "add", v6 + "/64", "dev", "tun0", "nodad");
        Cmd.ok("ip", "-n", ns, "link", "set", "tun0", "up");
    }

    /** argv prefixed to run inside a namespace; a null namespace means the host's. */
    static List<String> in(String ns, String... argv) {
        if (ns == null) {
            return List.of(argv);
        }
        List<String> l = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        l.addAll(List.of(argv));
        return l;
    }

    String inPeer(String... argv) throws IOException, InterruptedException {
        return Cmd.ok(in(peerNs, argv).toArray(String[]::new));
    }

    String inAgent(String... argv) throws IOException, InterruptedException {
        return Cmd.ok(in(agentNs, argv).toArray(String[]::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String ns : created.reversed()) {
            Cmd.run(List.of("ip", "netns", "del", ns), 30);
        }
        created.clear();
    }
}
