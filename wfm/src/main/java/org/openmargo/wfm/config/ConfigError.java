package org.openmargo.wfm.config;

/** A configuration value that cannot be used; the message names the key, the value and the rule. */
public final class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message, null, false, false);
    }
}
