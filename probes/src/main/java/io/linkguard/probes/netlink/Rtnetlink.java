package io.linkguard.probes.netlink;

/**
 * Netlink and rtnetlink constants from the kernel UAPI headers ({@code <linux/netlink.h>},
 * {@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>}, {@code <linux/if_addr.h>},
 * {@code <linux/neighbour.h>}). They are ABI and never change.
 */
final class Rtnetlink {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;

    // nlmsg_type: control messages (netlink.h)
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;
    // rtnetlink.h
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;

    // nlmsg_flags
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int NLM_F_DUMP = 0x300; // NLM_F_ROOT | NLM_F_MATCH
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    // Legacy multicast group bits for sockaddr_nl.nl_groups (rtnetlink.h RTMGRP_*)
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_NEIGH = 0x4;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final int RTMGRP_IPV6_ROUTE = 0x400;
    static final int WATCHED_GROUPS = RTMGRP_LINK | RTMGRP_NEIGH | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE
            | RTMGRP_IPV6_IFADDR | RTMGRP_IPV6_ROUTE;

    // IFLA_* (if_link.h)
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_STATS64 = 23;
    // IFA_* (if_addr.h)
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    // RTA_* (rtnetlink.h)
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_TABLE = 15;
    // NDA_* (neighbour.h)
    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;

    static final int RTPROT_BOOT = 3;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int RTN_UNICAST = 1;

    // sockets (socket.h, netlink.h)
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    private Rtnetlink() {
    }

    /** A message type's name for error messages. */
    static String typeName(int type) {
        return switch (type) {
            case NLMSG_NOOP -> "NLMSG_NOOP";
            case NLMSG_ERROR -> "NLMSG_ERROR";
            case NLMSG_DONE -> "NLMSG_DONE";
            case NLMSG_OVERRUN -> "NLMSG_OVERRUN";
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
            case RTM_DELNEIGH -> "RTM_DELNEIGH";
            default -> "type " + type;
        };
    }
}
