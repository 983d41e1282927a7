package io.linkguard.agent.failover;

import io.linkguard.probes.netlink.RouteMessage;
import io.linkguard.probes.netlink.RouteRequest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel's routing tables as route actions use them: rtnetlink in the agent ({@link KernelRouteTable}),
 * a map in tests. No process is forked to read or change a route.
 */
public interface RouteTable {

    /** The index of the interface named {@code name} now; empty if there is none. */
    OptionalInt interfaceIndex(String name) throws IOException;

    /** The name of interface {@code index}, for messages; empty if unknown. */
    Optional<String> interfaceName(int index);

    /** Every route of the family ({@code AF_INET} 2, {@code AF_INET6} 10), all tables. */
    List<RouteMessage> routes(int family) throws IOException;

    /** RTM_NEWROUTE with NLM_F_REPLACE, once the kernel acknowledged it; a refusal names its cause. */
    void replace(RouteRequest request) throws IOException;
}
