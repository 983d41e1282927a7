package io.linkguard.agent.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a resource Maven filters at build time. */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/linkguard/agent/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[]{"linkguard " + get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
