package io.linkguard.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML node together with its path in the config, e.g. {@code links[0].probes[1].interval}, and the
 * line to report problems with it at.
 *
 * @param path the dotted path of the node; empty for the document root
 * @param node the node
 * @param line 1-based line of the key for a mapping value (a block list or mapping value starts on the
 *             next line, but the operator looks for the key), else of the node itself
 */
public record Field(String path, Node node, int line) {

    public static Field root(Node node) {
        return new Field("", node, line(node));
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The path as shown in messages. */
    public String key() {
        return path.isEmpty() ? "(top level)" : path;
    }

    /** The path of key {@code name} inside this mapping. */
    public String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public Field child(String name, Node key, Node value) {
        return new Field(childPath(name), value, line(key));
    }

    public Field item(int index, Node value) {
        return new Field(path + "[" + index + "]", value, line(value));
    }
}
