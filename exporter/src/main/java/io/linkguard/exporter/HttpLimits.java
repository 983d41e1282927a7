package io.linkguard.exporter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client may do to the agent's HTTP port. jdk.httpserver reads these
 * system properties once, when its server classes load (sun.net.httpserver.ServerConfig,
 * JDK 25), so they are set in bin/jvm.options and again by {@link #apply()}
 * before the first server is created (tests and a JVM started without the
 * options file). A value already set (by -D) wins.
 *
 * <p>Without them a connection that sent half a request line held a handler
 * thread for ever (jdk.httpserver reads the request on the executor, blocking),
 * and idle connections held descriptors for ever.
 */
public final class HttpLimits {
    /** Seconds a client has to send its whole request (line, headers, body); then the connection is closed. */
    public static final long MAX_REQUEST_SECONDS = 5;
    /** Seconds a response may take to be written to the client; then the connection is closed. */
    public static final long MAX_RESPONSE_SECONDS = 10;
    /** Seconds a kept-alive connection may sit idle between requests. */
    public static final long IDLE_SECONDS = 10;
    /** Milliseconds between the server's checks for idle connections (the JDK default is 10 s). */
    public static final long IDLE_CHECK_MILLIS = 1000;
    /** Idle kept-alive connections held at most; more are closed at once. */
    public static final int MAX_IDLE_CONNECTIONS = 8;
    /** Open connections at most; a connection beyond it is closed as soon as it is accepted. */
    public static final int MAX_CONNECTIONS = 256;
    /** Request header lines at most (JDK default 200). */
    public static final int MAX_REQUEST_HEADERS = 32;
    /** Bytes of request headers at most (JDK default 380 KiB). */
    public static final int MAX_REQUEST_HEADER_BYTES = 8192;

    private HttpLimits() {
    }

    /** The properties and their values, as bin/jvm.options sets them. */
    public static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        p.put("sun.net.httpserver.maxRspTime", Long.toString(MAX_RESPONSE_SECONDS));
        p.put("sun.net.httpserver.idleInterval", Long.toString(IDLE_SECONDS));
        p.put("sun.net.httpserver.clockTick", Long.toString(IDLE_CHECK_MILLIS));
        p.put("sun.net.httpserver.maxIdleConnections", Integer.toString(MAX_IDLE_CONNECTIONS));
        p.put("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        p.put("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_REQUEST_HEADERS));
        p.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_REQUEST_HEADER_BYTES));
        return p;
    }

    /** Sets every property not set yet. Must run before the first HttpServer.create in the JVM. */
    public static void apply() {
        properties().forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
