package org.openmargo.wfm.resolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The WFM's host name resolution: forward lookups (database, identity service, registry host names) go to the JDK's
 * built-in resolver unchanged; reverse lookups (address to name) are never made, so {@link InetAddress#getHostName()}
 * of a peer answers its literal address at once.
 *
 * <p>Why: Helidon 4.5's NIO accept path creates each TLS engine with the peer's host name, which costs a reverse DNS
 * lookup per device connection before the handshake starts, blocking a thread in a native call. With devices on
 * distinct addresses (every real fleet) connection setup then runs at the pace of the site's DNS server: 17 new
 * connections per second here (benchmarks/README.md, "Reverse DNS per connection"). Nothing in the WFM needs a peer's
 * name: identities come from certificates, and logs and the audit record addresses.
 *
 * <p>Installed for the whole JVM through {@code META-INF/services/java.net.spi.InetAddressResolverProvider}
 * (JEP 418); the JDK loads it from the class path at the first lookup.
 */
public final class NoReverseLookup extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                throw new UnknownHostException("the WFM makes no reverse lookups");
            }
        };
    }

    @Override
    public String name() {
        return "openmargo-no-reverse-lookup";
    }
}
