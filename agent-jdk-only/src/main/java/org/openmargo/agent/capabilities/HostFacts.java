package org.openmargo.agent.capabilities;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the agent learns about its host with the JDK alone, for the capabilities report (digest e).
 *
 * @param cores        processors available to the JVM (which honours container CPU limits)
 * @param architecture {@code amd64}, {@code arm64} or {@code arm}; empty for anything else
 * @param memoryBytes  total memory, empty when unknown
 * @param storageBytes total size of the file store holding the state directory, empty when unknown
 * @param interfaces   distinct interface types in {@link #INTERFACE_TYPES} order
 */
public record HostFacts(int cores, Optional<String> architecture, OptionalLong memoryBytes, OptionalLong storageBytes,
                        List<String> interfaces) {
    /** The interface types of the rc.3 schema, in the order they are reported. */
    public static final List<String> INTERFACE_TYPES =
            List.of("ethernet", "wifi", "cellular", "bluetooth", "usb", "canbus", "rs232");

    public HostFacts {
        interfaces = INTERFACE_TYPES.stream().filter(interfaces::contains).toList();
    }

    /**
     * Reads the host: {@code Runtime.availableProcessors()}, {@code os.arch}, {@code /proc/meminfo} (else the
     * {@code com.sun.management} OS bean when present), the file store of {@code stateDir} (or of its nearest
     * existing parent) and the network interfaces. Never fails: a fact that cannot be read is left empty.
     */
    public static HostFacts discover(Path stateDir) {
        return new HostFacts(Runtime.getRuntime().availableProcessors(),
                architecture(System.getProperty("os.arch", "")), memory(), storage(stateDir), networkInterfaces());
    }

    /** Maps {@code os.arch} values to the schema's names. */
    static Optional<String> architecture(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of("amd64");
            case "aarch64", "arm64" -> Optional.of("arm64");
            case "arm", "armv7l", "armhf", "aarch32" -> Optional.of("arm");
            default -> Optional.empty();
        };
    }

    /**
     * The interface type of a Linux interface name: {@code eth*}/{@code en*} ethernet, {@code wl*} wifi,
     * {@code ww*} (wwan) cellular, {@code bnep*}/{@code bt*} bluetooth, {@code usb*} usb, {@code can*} canbus; empty
     * for everything else: loopback, bridges, tunnels, container links, virtual CAN ({@code vcan*}). Serial ports
     * (rs232) are not network interfaces and are never discovered.
     */
    static Optional<String> interfaceType(String name) {
        if (name.startsWith("eth") || name.startsWith("en")) {
            return Optional.of("ethernet");
        }
        if (name.startsWith("wl")) {
            return Optional.of("wifi");
        }
        if (name.startsWith("ww")) {
            return Optional.of("cellular");
        }
        if (name.startsWith("bnep") || name.startsWith("bt")) {
            return Optional.of("bluetooth");
        }
        if (name.startsWith("usb")) {
            return Optional.of("usb");
        }
        return name.startsWith("can") ? Optional.of("canbus") : Optional.empty();
    }

    /** {@code MemTotal} of a {@code /proc/meminfo} text, in bytes. */
    static OptionalLong memTotal(String meminfo) {
        return meminfo.lines()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> line.substring("MemTotal:".length()).strip().split("\\s+"))
                .filter(parts -> parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d{1,15}"))
                .mapToLong(parts -> Long.parseLong(parts[0]) * 1024)
                .findFirst();
    }

    private static OptionalLong memory() {
        try {
            OptionalLong total = memTotal(Files.readString(Path.of("/proc/meminfo")));
            if (total.isPresent()) {
                return total;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or not readable: fall through to the JDK's bean.
        }
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return OptionalLong.of(os.getTotalMemorySize());
            }
        } catch (LinkageError e) {
            // jdk.management is not in this runtime image.
        }
        return OptionalLong.empty();
    }

    private static OptionalLong storage(Path stateDir) {
        Path existing = stateDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? OptionalLong.empty() : OptionalLong.of(Files.getFileStore(existing).getTotalSpace());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static List<String> networkInterfaces() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(HostFacts::physical)
                    .flatMap(nic -> interfaceType(nic.getName()).stream())
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    private static boolean physical(NetworkInterface nic) {
        try {
            return !nic.isLoopback() && !nic.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }
}
