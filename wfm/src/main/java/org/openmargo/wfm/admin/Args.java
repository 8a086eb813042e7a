package org.openmargo.wfm.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The arguments of one command: {@code --name value} options and positional words, each taken once. */
final class Args {
    private final String command;
    private final List<String> rest;

    Args(String command, List<String> rest) {
        this.command = command;
        this.rest = new ArrayList<>(rest);
    }

    /** The value of {@code --name value}, removed from the arguments. */
    Optional<String> option(String name) {
        int i = rest.indexOf("--" + name);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
            throw new UsageException(command + ": --" + name + " needs a value");
        }
        String value = rest.remove(i + 1);
        rest.remove(i);
        return Optional.of(value);
    }

    /** Whether the value-less option {@code --name} was given; removed from the arguments. */
    boolean flag(String name) {
        return rest.remove("--" + name);
    }

    /** A required option. */
    String required(String name) {
        return option(name).orElseThrow(() -> new UsageException(command + ": --" + name + " is required"));
    }

    /** The next positional word, naming what it is for the error message. */
    String word(String what) {
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            throw new UsageException(command + ": " + what + " is missing");
        }
        return rest.removeFirst();
    }

    /** The next positional word when there is one. */
    Optional<String> optionalWord() {
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            return Optional.empty();
        }
        return Optional.of(rest.removeFirst());
    }

    /** Fails when anything was not consumed. */
    void done() {
        if (!rest.isEmpty()) {
            throw new UsageException(command + ": unexpected argument '" + rest.getFirst() + "'");
        }
    }
}
