package io.linkguard.agent.systemd;

import io.linkguard.core.log.Log;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.UnixDatagram;

import java.util.Map;
import java.util.Optional;

/**
 * The service manager's notification protocol (sd_notify(3)): newline-separated
 * {@code KEY=VALUE} lines in one datagram to the AF_UNIX socket named by
 * {@code $NOTIFY_SOCKET}. Without that variable (not run by systemd with
 * {@code Type=notify}) every call does nothing.
 */
public class SdNotify {
    private final Optional<String> socket;
    private volatile boolean failedOnce;

    SdNotify(Optional<String> socket) {
        this.socket = socket;
    }

    /** Reads {@code $NOTIFY_SOCKET} from {@code env}. */
    public static SdNotify fromEnvironment(Map<String, String> env) {
        return new SdNotify(Optional.ofNullable(env.get("NOTIFY_SOCKET")).filter(s -> !s.isEmpty()));
    }

    public boolean enabled() {
        return socket.isPresent();
    }

    /** Start-up done: systemd considers the unit started (and runs units ordered after it). */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    /**
     * A reload begins. MONOTONIC_USEC lets systemd 253+ (Type=notify-reload) match
     * it to its own request; older versions ignore the field.
     */
    public void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000); // nanoTime is CLOCK_MONOTONIC on Linux
    }

    public void stopping() {
        send("STOPPING=1");
    }

    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    /** The keep-alive ping of {@code WatchdogSec}. */
    public void watchdog() {
        send("WATCHDOG=1");
    }

    void send(String message) {
        if (socket.isEmpty()) {
            return;
        }
        try {
            UnixDatagram.send(socket.get(), message);
            failedOnce = false;
        } catch (NativeSocketException | IllegalArgumentException e) {
            if (!failedOnce) {
                // Once per failure streak: a gone socket would otherwise log at every watchdog ping.
                Log.warn("sd_notify to %s failed: %s", socket.get(), e.getMessage());
                failedOnce = true;
            }
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }
}
