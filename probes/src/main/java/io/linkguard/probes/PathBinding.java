package io.linkguard.probes;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a probe's socket is pinned to the tunnel, so probes keep measuring the
 * tunnel while traffic runs over the backup path: a source address, an
 * interface (SO_BINDTODEVICE), a firewall mark (SO_MARK) matched by a policy
 * rule, or any combination.
 */
public record PathBinding(Optional<InetAddress> source, Optional<String> interfaceName, OptionalLong fwmark) {
    public static final PathBinding NONE = new PathBinding(Optional.empty(), Optional.empty(), OptionalLong.empty());
}
