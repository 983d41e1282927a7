package io.linkguard.agent.config;

import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Field;
import io.linkguard.config.YamlValues;
import io.linkguard.probes.Addresses;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An IP prefix in CIDR notation, e.g. {@code 10.20.0.0/16} or {@code 2001:db8::/32}. The host bits must be
 * zero, as the kernel requires of a route's destination.
 *
 * @param address the network address
 * @param length  the prefix length, 0..32 for IPv4, 0..128 for IPv6
 */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > address.getAddress().length * 8) {
            throw new IllegalArgumentException("prefix length " + length + " for " + address);
        }
    }

    /**
     * Parses {@code address/length}.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a prefix: " + YamlValues.quote(text)
                    + " (expected address/length, e.g. 10.20.0.0/16)");
        }
        InetAddress address = IpLiterals.parseIp(text.substring(0, slash));
        String lengthText = text.substring(slash + 1);
        int max = address.getAddress().length * 8;
        if (!lengthText.matches("[0-9]{1,3}") || Integer.parseInt(lengthText) > max) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + max + " for "
                    + IpLiterals.family(address) + " (got " + YamlValues.quote(lengthText) + ")");
        }
        IpPrefix prefix = new IpPrefix(address, Integer.parseInt(lengthText));
        IpPrefix network = prefix.network();
        if (!network.equals(prefix)) {
            throw new IllegalArgumentException("host bits are set: write " + network + " (got " + text + ")");
        }
        return prefix;
    }

    /** Reads a prefix, reporting problems. */
    static Optional<IpPrefix> read(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).flatMap(text -> {
            try {
                return Optional.of(parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The same prefix with the host bits cleared. */
    IpPrefix network() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new IpPrefix(InetAddress.getByAddress(bytes), length);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("a 4 or 16 byte address", e);
        }
    }

    /** {@code 10.20.0.0/16}, IPv6 in RFC 5952 form. */
    @Override
    public String toString() {
        return Addresses.format(address) + "/" + length;
    }
}
