package org.openmargo.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Paths of the repository as the tests see it: surefire runs in {@code packaging/}, the root is its parent. */
final class Layout {
    static final Path PACKAGING = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path ROOT = PACKAGING.getParent();

    private Layout() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of the launcher that {@code jlink/build.sh} writes into the image's {@code bin/}. */
    static String jlinkLauncher() {
        String script = read(ROOT.resolve("jlink/build.sh"));
        var m = Pattern.compile("cat > \"\\$out/bin/([a-z-]+)\" <<").matcher(script);
        if (!m.find()) {
            throw new AssertionError("jlink/build.sh writes no launcher into $out/bin");
        }
        return m.group(1);
    }

    /** The image directory that {@code jlink/build.sh} writes by default, relative to the root. */
    static String jlinkImage() {
        String script = read(ROOT.resolve("jlink/build.sh"));
        var m = Pattern.compile("(?m)^out=\"\\$root/([^\"]+)\"$").matcher(script);
        if (!m.find()) {
            throw new AssertionError("jlink/build.sh has no default out=\"$root/...\"");
        }
        return m.group(1);
    }
}
