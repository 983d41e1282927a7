package io.linkguard.agent.cli;

import io.linkguard.core.Version;
import picocli.CommandLine;

/** {@code linkguard --version}: the build and the Java runtime it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"linkguard " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
