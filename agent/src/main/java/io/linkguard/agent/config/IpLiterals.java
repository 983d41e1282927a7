package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.YamlValues;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals and {@code host:port} listen addresses. Never consults DNS: a link monitor must
 * keep working when name resolution does not. IPv4 must be written as four decimal numbers (forms like
 * {@code 10.1} or {@code 010.0.0.1}, which some tools read differently, are rejected); IPv6 without
 * brackets and without a {@code %scope}.
 */
final class IpLiterals {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]:(.*)");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final String LISTEN_EXAMPLE = "e.g. 127.0.0.1:18784 or [::1]:18784";

    private IpLiterals() {
    }

    /**
     * Parses an IPv4 or IPv6 literal.
     *
     * @throws IllegalArgumentException with a message for the operator if it is not one
     */
    static InetAddress parseIp(String text) {
        String quoted = YamlValues.quote(text);
        if (text.contains("%")) {
            throw new IllegalArgumentException("scoped addresses are not accepted: " + quoted
                    + " (remove the %scope and set interface instead)");
        }
        if (text.startsWith("[")) {
            throw new IllegalArgumentException("write the IPv6 address without brackets (got " + quoted + ")");
        }
        if (text.contains(":")) {
            try {
                return Inet6Address.ofLiteral(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid IPv6 address: " + quoted);
            }
        }
        if (IPV4.matcher(text).matches()) {
            return Inet4Address.ofLiteral(text);
        }
        if (IPV4_LIKE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a valid IPv4 address: " + quoted
                    + " (expected four decimal numbers 0-255 without leading zeros, e.g. 10.255.0.2)");
        }
        throw new IllegalArgumentException("not an IP address: " + quoted + " (DNS names are not accepted)");
    }

    /** Reads an IP literal, reporting problems. */
    static Optional<InetAddress> readIp(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).flatMap(text -> {
            try {
                return Optional.of(parseIp(text));
            } catch (IllegalArgumentException e) {
                problems.add(field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Reads the IP literal of a host to send probes to or from: reports non-unicast addresses too. */
    static Optional<InetAddress> readUnicastIp(Field field, ConfigProblems problems) {
        Optional<InetAddress> address = readIp(field, problems);
        if (address.isPresent() && !isUnicast(address.get())) {
            problems.add(field, "must be a unicast address (got " + YamlValues.scalarText(field) + ")");
            return Optional.empty();
        }
        return address;
    }

    /**
     * Parses {@code 127.0.0.1:18784}, {@code [::1]:18784}.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    static ListenAddress parseListen(String text) {
        String host;
        String port;
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("only IPv6 addresses go in brackets (got "
                        + YamlValues.quote(text) + ")");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected address:port, " + LISTEN_EXAMPLE
                        + " (got " + YamlValues.quote(text) + ")");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException("put IPv6 addresses in brackets, " + LISTEN_EXAMPLE
                        + " (got " + YamlValues.quote(text) + ")");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("missing the address before the port, e.g. 127.0.0.1:" + port
                    + " (or 0.0.0.0:" + port + " for all IPv4 addresses)");
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535 (got " + YamlValues.quote(port) + ")");
        }
        return new ListenAddress(parseIp(host), Integer.parseInt(port));
    }

    /** Reads a listen address, reporting problems. */
    static Optional<ListenAddress> readListen(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).flatMap(text -> {
            try {
                return Optional.of(parseListen(text));
            } catch (IllegalArgumentException e) {
                problems.add(field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    static String family(InetAddress address) {
        return address instanceof Inet6Address ? "IPv6" : "IPv4";
    }

    private static boolean isUnicast(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean broadcast = bytes.length == 4 && (bytes[0] & bytes[1] & bytes[2] & bytes[3]) == (byte) 0xff;
        return !address.isAnyLocalAddress() && !address.isMulticastAddress() && !broadcast;
    }
}
