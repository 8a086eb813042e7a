package org.openmargo.wfm.catalogue;

/** The outcome of rendering one application version for one device (Margo rc.3 f.2 eligibility, f.3 rendering). */
public sealed interface Placement {

    /**
     * The device can run the application: {@code yaml} is the ApplicationDeployment exactly as it will be served, with
     * the deployment id, namespace and name the caller chose.
     *
     * @param profileId the profile that was chosen
     * @param yaml      the serialised ApplicationDeployment, UTF-8; stored once and served byte for byte
     */
    record Placed(String profileId, byte[] yaml) implements Placement {
    }

    /**
     * The device cannot run it, for a reason an operator can act on (no capabilities reported, no profile of a supported
     * type, below the CPU/memory/storage minimums, no eligibility rule matched).
     */
    record NotPlaceable(String reason) implements Placement {
    }
}
