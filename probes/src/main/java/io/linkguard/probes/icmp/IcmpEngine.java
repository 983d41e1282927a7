package io.linkguard.probes.icmp;

import io.linkguard.probes.PathBinding;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.sched.ProbeScheduler;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Owns the shared raw ICMP sockets and hands out echo identifiers. Streams
 * that can share a socket (same family, binding, TOS, DF) do, so a hundred
 * targets cost one socket and one receive thread, not a hundred.
 */
public final class IcmpEngine implements AutoCloseable {
    private record SocketKey(LinuxSocket.Family family, PathBinding binding, int tos, boolean dontFragment) {
    }

    private final ProbeScheduler scheduler;
    private final RandomGenerator random;
    private final Map<SocketKey, IcmpSocket> sockets = new HashMap<>();
    /** Names the sockets' receive threads: never reused, since {@code sockets.size()} falls when one closes and
     *  two live threads with one name would export duplicate heartbeat series (a failed scrape). */
    private int socketNumber;
    private int nextIdentifier;
    /** Identifiers the engines of this process use, so {@link EchoIdentifiers} hands out others. */
    private static final java.util.Set<Integer> CLAIMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static boolean claimedByAnyEngine(int id) {
        return CLAIMED.contains(id);
    }

    public IcmpEngine(ProbeScheduler scheduler, RandomGenerator random) {
        this.scheduler = scheduler;
        this.random = random;
        // A random first identifier keeps two agents (or an agent and ping) on one host apart.
        this.nextIdentifier = random.nextInt(1 << 16);
    }

    /** Creates (not yet started) an echo stream to {@code target}. */
    public IcmpEchoProbe newProbe(String link, InetAddress target, PathBinding binding, IcmpEchoSettings settings,
                                  ProbeListener listener) {
        return new IcmpEchoProbe(this, link, target, binding, settings, listener, scheduler, random);
    }

    synchronized IcmpSocket attach(IcmpEchoProbe probe) throws NativeSocketException {
        SocketKey key = new SocketKey(LinuxSocket.Family.of(probe.targetAddress()), probe.binding(),
                probe.settings().tos(), probe.settings().dontFragment());
        IcmpSocket s = sockets.get(key);
        if (s == null) {
            s = new IcmpSocket(key.family(), key.binding(), key.tos(), key.dontFragment(),
                    "icmp-rx-" + socketNumber++);
            sockets.put(key, s);
        }
        for (int tries = 0; tries < (1 << 16); tries++) {
            int id = nextIdentifier;
            nextIdentifier = (nextIdentifier + 1) & 0xffff;
            if (!EchoIdentifiers.held(id) && s.register(id, probe)) {
                CLAIMED.add(id);
                probe.assignIdentifier(id, s);
                return s;
            }
        }
        throw new IllegalStateException("all 65536 ICMP identifiers are in use on one socket");
    }

    synchronized void detach(IcmpEchoProbe probe, IcmpSocket socket, int identifier) {
        socket.unregister(identifier);
        CLAIMED.remove(identifier);
        if (socket.isEmpty()) {
            sockets.values().remove(socket);
            socket.close();
        }
    }

    /** Received messages dropped for {@code reason}, over every socket. */
    public synchronized long dropped(IcmpDropReason reason) {
        long n = 0;
        for (IcmpSocket s : sockets.values()) {
            n += s.dropped(reason);
        }
        return n + retiredDrops.getOrDefault(reason, 0L);
    }

    private final Map<IcmpDropReason, Long> retiredDrops = new HashMap<>();

    @Override
    public synchronized void close() {
        for (IcmpSocket s : sockets.values()) {
            for (IcmpDropReason r : IcmpDropReason.values()) {
                retiredDrops.merge(r, s.dropped(r), Long::sum);
            }
            s.close();
        }
        sockets.clear();
    }
}
