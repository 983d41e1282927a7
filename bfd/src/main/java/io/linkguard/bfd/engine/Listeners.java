package io.linkguard.bfd.engine;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;

import java.util.ArrayList;
import java.util.List;

/** The listening sockets, opened on first use: {IPv4, IPv6} x {single hop 3784, multihop 4784}. Engine thread only. */
final class Listeners implements AutoCloseable {
    private final ListenSocket[] byKind = new ListenSocket[4];
    private List<ListenSocket> all = List.of();

    void open(LinuxSocket.Family family, boolean multihop) throws NativeSocketException {
        int i = (family == LinuxSocket.Family.INET ? 0 : 2) + (multihop ? 1 : 0);
        if (byKind[i] == null) {
            byKind[i] = new ListenSocket(family, multihop ? BfdPorts.MULTIHOP_CONTROL : BfdPorts.SINGLE_HOP_CONTROL,
                    multihop);
            List<ListenSocket> l = new ArrayList<>();
            for (ListenSocket s : byKind) {
                if (s != null) {
                    l.add(s);
                }
            }
            all = List.copyOf(l);
        }
    }

    List<ListenSocket> all() {
        return all;
    }

    @Override
    public void close() {
        for (ListenSocket s : all) {
            s.close();
        }
        all = List.of();
    }
}
