/**
 * The Compose runtime: {@link org.openmargo.agent.compose.ComposeRuntime} drives the Docker Compose CLI, v2
 * ({@code docker compose}) or v1 ({@code docker-compose}, {@link org.openmargo.agent.compose.ComposeCli}), for
 * {@code compose} deployment profiles (Margo Management API 1.0.0-rc.3, ApplicationDeployment). The compose files come
 * from a {@link org.openmargo.agent.compose.ComposeSource}: {@link org.openmargo.agent.compose.RegistrySource} fetches
 * them over the OCI Distribution API, verifies them and keeps them by digest in the agent's state.
 *
 * <p>The command lines, with {@code P} = {@code -p <project> --project-directory <empty dir>} (the project is
 * {@code <metadata.name>-<8 hex of sha256(id)>}) and {@code Fi} = {@code -f <stored file>} for each file of component
 * <i>i</i> of <i>n</i>:
 * <table>
 *   <caption>Compose calls per operation</caption>
 *   <tr><th>Operation</th><th>Command</th><th>Environment</th></tr>
 *   <tr><td>apply component k</td>
 *       <td>{@code P F1 … Fk up -d [--remove-orphans if k = n]}, plus {@code --wait --wait-timeout <s>} with wait
 *       (v2), or polling of the container states after {@code up} (v1)</td>
 *       <td>values of components 1..k</td></tr>
 *   <tr><td>remove component k</td><td>{@code P Fk rm --stop --force [-v]}</td>
 *       <td>values of component k</td></tr>
 *   <tr><td>… then</td><td>list the containers: v2 {@code P ps --all --format json}; v1 {@code P F1 … Fn ps -a -q}
 *       and {@code docker inspect <ids>}</td><td>none</td></tr>
 *   <tr><td>… if no containers are left</td><td>{@code P [F1 … Fn for v1] down [--volumes]}</td><td>none</td></tr>
 *   <tr><td>observe</td><td>list the containers, then per component {@code P Fi config --services}</td>
 *       <td>values of component i</td></tr>
 * </table>
 * {@code -v} and {@code --volumes} only with {@link org.openmargo.agent.compose.ComposeSettings#removeVolumesOnRemoval()}.
 */
package org.openmargo.agent.compose;
