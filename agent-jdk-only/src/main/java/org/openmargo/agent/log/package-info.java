/**
 * The agent's log output for running as a service: one line per record on standard output, in the format that
 * {@link org.openmargo.agent.log.LogLine} documents. It is switched on by the JDK's own logging configuration
 * ({@code java.util.logging.config.file}, or {@code conf/logging.properties} of the jlinked image), so the agent's
 * code only ever calls {@code java.util.logging} or {@code System.Logger}.
 */
package org.openmargo.agent.log;
