package org.openmargo.wfm.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NoReverseLookupTest {

    @Test
    void aPeersNameIsItsLiteralAddressWithoutAReverseLookup() throws Exception {
        // /etc/hosts names 127.0.0.1 "localhost": the JDK's own resolver would answer that name
        assertEquals("127.0.0.1", InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName());
        assertEquals("127.1.2.3", InetAddress.getByAddress(new byte[] {127, 1, 2, 3}).getHostName());
        byte[] loopback6 = new byte[16];
        loopback6[15] = 1;
        assertEquals("0:0:0:0:0:0:0:1", InetAddress.getByAddress(loopback6).getHostName());
    }

    @Test
    void forwardLookupsStillResolve() throws Exception {
        InetAddress[] local = InetAddress.getAllByName("localhost");
        assertFalse(local.length == 0);
        assertTrue(local[0].isLoopbackAddress());
    }
}
