package io.linkguard.probes;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    /** Applies the binding to a fresh socket: mark, then device, then source address (any port). */
    public void applyTo(LinuxSocket socket) throws NativeSocketException {
        if (fwmark.isPresent()) {
            socket.setMark(fwmark.getAsLong());
        }
        if (interfaceName.isPresent()) {
            socket.bindToDevice(interfaceName.get());
        }
        if (source.isPresent()) {
            socket.bind(new InetSocketAddress(source.get(), 0));
        }
    }
}
