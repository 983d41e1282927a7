package io.linkguard.agent.config;

import io.linkguard.probes.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An IP address and TCP port to listen on, written {@code 127.0.0.1:18784} or {@code [::1]:18784}.
 *
 * @param address the local IP address (never a host name)
 * @param port    the TCP port, 1..65535
 */
public record ListenAddress(InetAddress address, int port) {

    public ListenAddress {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public static ListenAddress loopback(int port) {
        return new ListenAddress(InetAddress.ofLiteral("127.0.0.1"), port);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** The address in config syntax, e.g. {@code 127.0.0.1:18784} or {@code [::1]:18784}. */
    @Override
    public String toString() {
        String host = Addresses.format(address);
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
