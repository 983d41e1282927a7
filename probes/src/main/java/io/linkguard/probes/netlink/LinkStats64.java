package io.linkguard.probes.netlink;

/** The first eight counters of {@code struct rtnl_link_stats64} (IFLA_STATS64, {@code <linux/if_link.h>}). */
public record LinkStats64(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
        long rxDropped, long txDropped) {
}
