package io.linkguard.agent.health;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.netlink.KernelView;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.OperState;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kernel's tables say of one link's interface and source address: pure, read from a
 * {@link KernelView} the netlink watcher published.
 *
 * @param condition how health judges it
 * @param detail    one line for an operator, e.g. {@code interface gre1 is operationally down (no carrier)}
 * @param ifindex   the interface's index now (0: no interface configured, or absent); a new index for the
 *                  same name means it was deleted and created again, and what was bound to it must bind anew
 */
public record InterfaceReading(InterfaceCondition condition, String detail, int ifindex) {

    public InterfaceReading {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(detail, "detail");
    }

    /** A link bound to neither an interface nor a source address: nothing to watch. */
    public static final InterfaceReading UNBOUND_LINK = new InterfaceReading(InterfaceCondition.PRESENT, "", 0);

    public static InterfaceReading of(KernelView view, Optional<String> iface, Optional<InetAddress> source) {
        if (iface.isEmpty() && source.isEmpty()) {
            return UNBOUND_LINK;
        }
        int index = 0;
        String present = "";
        if (iface.isPresent()) {
            Optional<LinkMessage> link = view.link(iface.get());
            // Both absent: the interface is the cause; its address cannot be there without it.
            if (link.isEmpty()) {
                return new InterfaceReading(InterfaceCondition.INTERFACE_ABSENT, "interface " + iface.get()
                        + " is absent", 0);
            }
            LinkMessage l = link.get();
            index = l.index();
            if (!l.operationallyUp()) {
                return new InterfaceReading(InterfaceCondition.INTERFACE_DOWN, "interface " + iface.get()
                        + " is operationally down (" + whyDown(l) + ")", index);
            }
            present = "interface " + iface.get() + " is up (index " + index + ")";
        }
        if (source.isPresent() && !view.hasAddress(source.get())) {
            return new InterfaceReading(InterfaceCondition.SOURCE_ABSENT, "source " + Addresses.format(source.get())
                    + " is configured on no interface", index);
        }
        if (source.isPresent()) {
            present = (present.isEmpty() ? "" : present + ", ") + "source " + Addresses.format(source.get())
                    + " is configured";
        }
        return new InterfaceReading(InterfaceCondition.PRESENT, present, index);
    }

    /** IFF_UP cleared is an operator's act; IFF_RUNNING cleared is carrier; else the RFC 2863 oper state. */
    private static String whyDown(LinkMessage l) {
        if (!l.adminUp()) {
            return "administratively down";
        }
        if (l.operState() == OperState.LOWERLAYERDOWN) {
            return "lower layer down";
        }
        if (l.operState() == OperState.DORMANT) {
            return "dormant";
        }
        return "no carrier";
    }
}
