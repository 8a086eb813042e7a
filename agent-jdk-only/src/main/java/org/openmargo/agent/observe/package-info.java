/**
 * What the running agent tells the people and tools that watch it: the facts of one pass ({@link
 * org.openmargo.agent.observe.AgentSnapshot}), as {@code agent status} prints them (text, or the documented JSON of
 * {@code --json}) and as a Prometheus textfile for node_exporter. Depends on the state, schedule and JSON packages,
 * never on the cycle that produces the facts.
 */
package org.openmargo.agent.observe;
