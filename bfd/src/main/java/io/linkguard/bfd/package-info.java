/**
 * BFD (RFC 5880, RFC 5881 single hop, RFC 5883 multihop) over the probes
 * socket layer. Empty until the BFD issue: the module exists so the build
 * layout and dependency direction (probes -> bfd -> exporter -> agent) are fixed.
 */
package io.linkguard.bfd;
