/**
 * The Compose runtime: {@link org.openmargo.agent.compose.ComposeRuntime} drives the Docker Compose v2 CLI (2.34 or
 * later, for {@code -f oci://}) for {@code compose} deployment profiles (digest f.1).
 *
 * <p>The command lines, with {@code P} the project ({@code <metadata.name>-<8 hex of sha256(id)>}) and
 * {@code Fi} = {@code -f oci://<repository>:<revision>} of component <i>i</i> of <i>n</i>:
 * <table>
 *   <caption>Compose calls per operation</caption>
 *   <tr><th>Operation</th><th>Command</th><th>Environment</th></tr>
 *   <tr><td>apply component k</td>
 *       <td>{@code -p P F1 … Fk up -d -y [--remove-orphans if k = n] [--wait --wait-timeout <s> if wait]}</td>
 *       <td>values of components 1..k</td></tr>
 *   <tr><td>remove component k</td><td>{@code -p P Fk rm --stop --force [--volumes]}</td>
 *       <td>values of component k</td></tr>
 *   <tr><td>… then</td><td>{@code -p P ps --all --format json}</td><td>none</td></tr>
 *   <tr><td>… if no containers are left</td><td>{@code -p P down [--volumes]}</td><td>none</td></tr>
 *   <tr><td>observe</td><td>{@code -p P ps --all --format json}, then per component
 *       {@code -p P Fi config --services}</td><td>values of component i</td></tr>
 * </table>
 * {@code --volumes} only with {@link org.openmargo.agent.compose.ComposeSettings#removeVolumesOnRemoval()}.
 */
package org.openmargo.agent.compose;
