package io.linkguard.agent.runtime;

import io.linkguard.probes.netlink.AddressMessage;
import io.linkguard.probes.netlink.KernelView;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.OperState;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kernel views for tests: interfaces by name and index, up or down, with addresses. */
final class Kernels {
    private Kernels() {
    }

    static LinkMessage up(String name, int index) {
        return new LinkMessage(false, index, LinkMessage.ARPHRD_NONE, LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING,
                name, OperState.UNKNOWN, 1400, new byte[0], Optional.empty());
    }

    static LinkMessage noCarrier(String name, int index) {
        return new LinkMessage(false, index, LinkMessage.ARPHRD_NONE, LinkMessage.IFF_UP, name, OperState.DOWN, 1400,
                new byte[0], Optional.empty());
    }

    static KernelView of(LinkMessage... links) {
        return new KernelView(java.util.Arrays.stream(links).collect(java.util.stream.Collectors.toMap(
                LinkMessage::index, l -> l)), List.of(), List.of());
    }

    static KernelView withAddress(KernelView v, int index, InetAddress a) {
        return new KernelView(v.linksByIndex(), List.of(new AddressMessage(false, 2, index, 32, a)), v.neighbors());
    }

    static final KernelView EMPTY = new KernelView(Map.of(), List.of(), List.of());
}
