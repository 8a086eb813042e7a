/**
 * A small client of the OCI Distribution API (the registry protocol Docker and Compose speak), written with
 * {@code java.net.http} only: {@link org.openmargo.agent.oci.OciClient} reads an image manifest by tag and a blob by
 * digest, verifies every digest it fetches, and authenticates anonymously, with HTTP Basic or with a bearer token
 * obtained from the registry's token service. HTTPS by default; plain HTTP only for registries the device owner lists
 * as insecure.
 */
package org.openmargo.agent.oci;
