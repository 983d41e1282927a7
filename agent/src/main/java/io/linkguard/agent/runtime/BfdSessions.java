package io.linkguard.agent.runtime;

import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.bfd.auth.AuthConfigException;
import io.linkguard.bfd.auth.AuthKey;
import io.linkguard.bfd.auth.KeyFiles;
import io.linkguard.bfd.engine.BfdSessionConfig;

import java.util.Optional;

/** Turns a link's {@code type: bfd} probe into an engine session, reading the key file now. */
final class BfdSessions {
    private BfdSessions() {
    }

    static BfdSessionConfig toSessionConfig(LinkConfig link, BfdProbeConfig b) {
        Optional<AuthKey> key = b.auth().map(a -> {
            try {
                return KeyFiles.load(a.keyFile(), a.type(), a.keyId());
            } catch (AuthConfigException e) {
                throw new IllegalStateException("link " + link.name() + ": " + e.getMessage(), e);
            }
        });
        return new BfdSessionConfig(link.name(), link.peer(), link.source(), link.iface(), link.fwmark(),
                b.multihop(), b.minTtl(), b.desiredMinTx(), b.requiredMinRx(), b.detectMult(), b.passive(), key,
                b.echoInterval());
    }
}
