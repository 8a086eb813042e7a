package org.openmargo.wfm.catalogue;

/**
 * How a deployment intent picks one of a description's {@code deploymentProfiles} for a device (Margo rc.3 f.3 step 1).
 */
public sealed interface ProfileChoice {

    /** Exactly the profile with this {@code id}; a device that does not support its type is not placeable. */
    record ById(String profileId) implements ProfileChoice {
    }

    /**
     * The first profile, in the description's order, whose {@code type} is in the device's
     * {@code supportedDeploymentTypes} and whose constraints the device meets.
     */
    record AnySupported() implements ProfileChoice {
    }
}
