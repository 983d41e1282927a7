package io.linkguard.bfd.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Our echoes come back with our own address as source. Linux drops such a
 * packet as a martian unless {@code accept_local} is set on the interface
 * (ip-sysctl.rst: "accept_local - accept packets with local source addresses").
 * This check turns a silent loss of every echo into one clear log line.
 */
public final class EchoSysctl {
    private EchoSysctl() {
    }

    public static Optional<String> problem(String device) {
        if (read("all").equals("1") || read(device).equals("1")) {
            return Optional.empty();
        }
        return Optional.of("returning echoes carry our own source address and the kernel drops them unless"
                + " accept_local is set: sysctl -w net.ipv4.conf." + device + ".accept_local=1"
                + " (and the peer must forward: net.ipv4.ip_forward=1 there)");
    }

    private static String read(String device) {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/conf", device, "accept_local")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
