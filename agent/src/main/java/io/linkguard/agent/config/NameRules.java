package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.YamlValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for link, node and interface names, and the default node name. */
final class NameRules {

    /** Link names end up as Prometheus label values and in alert texts: keep them simple. */
    private static final Pattern LINK = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,252}");
    /** Linux IFNAMSIZ is 16 including the terminating NUL. */
    private static final int MAX_INTERFACE_NAME = 15;

    private NameRules() {
    }

    static Optional<String> readLinkName(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).filter(name -> {
            if (LINK.matcher(name).matches()) {
                return true;
            }
            problems.add(field, "not a valid link name: " + YamlValues.quote(name)
                    + " (use 1 to 63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit)");
            return false;
        });
    }

    static Optional<String> readNodeName(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).filter(name -> {
            if (NODE.matcher(name).matches()) {
                return true;
            }
            problems.add(field, "not a valid node name: " + YamlValues.quote(name)
                    + " (use 1 to 253 letters, digits, '.', '_' or '-', starting with a letter or digit)");
            return false;
        });
    }

    /** What the kernel accepts (dev_valid_name), restricted to printable ASCII. */
    static Optional<String> readInterfaceName(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).filter(name -> {
            if (isValidInterfaceName(name)) {
                return true;
            }
            problems.add(field, "not a valid interface name: " + YamlValues.quote(name)
                    + " (1 to 15 characters, no '/', ':' or spaces)");
            return false;
        });
    }

    static boolean isValidInterfaceName(String name) {
        if (name.isEmpty() || name.length() > MAX_INTERFACE_NAME || name.equals(".") || name.equals("..")) {
            return false;
        }
        return name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '/' && c != ':');
    }

    /**
     * The default node name: the kernel host name, read without DNS; {@code localhost} if unavailable.
     */
    static String defaultNodeName() {
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // try the next source
            }
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env.strip() : "localhost";
    }
}
