package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every standard lifecycle command at the root ({@code mvn verify}, {@code mvn install}, {@code mvn package
 * -DskipTests}) must work. {@code install} fails on a jar module that builds no jar ("The packaging for this project
 * did not assign a file to the build artifact"): a module without main code either lets the jar plugin write its
 * (empty) jar or is a {@code pom} module that binds its test phases itself.
 */
class ReactorPomsTest {

    @Test
    void modules_everyJarModule_producesTheArtifactInstallNeeds() throws Exception {
        List<String> modules = texts(pom(Layout.ROOT), "module");

        assertThat(modules).contains("packaging", "agent-jdk-only");
        for (String module : modules) {
            Path dir = Layout.ROOT.resolve(module);
            Document pom = pom(dir);
            boolean jar = texts(pom, "packaging").stream().findFirst().orElse("jar").equals("jar");
            boolean skipsEmptyJar = texts(pom, "skipIfEmpty").contains("true");
            assertThat(jar && skipsEmptyJar && !Files.isDirectory(dir.resolve("src/main")))
                    .as("%s: a jar module without src/main that skips its empty jar cannot be installed", module)
                    .isFalse();
        }
    }

    @Test
    void packaging_pomPackaging_stillCompilesAndRunsItsTests() throws Exception {
        Document pom = pom(Layout.PACKAGING);

        assertThat(texts(pom, "packaging")).containsExactly("pom");
        assertThat(texts(pom, "goal")).contains("testCompile", "test");
        // This very test runs, so the bindings work; the assertion above says why it can.
    }

    private static Document pom(Path dir) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
    }

    /** The text of every element named {@code name}; for {@code packaging}, the project's own only. */
    private static List<String> texts(Document pom, String name) {
        NodeList nodes = pom.getElementsByTagName(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (!name.equals("packaging") || e.getParentNode() == pom.getDocumentElement()) {
                out.add(e.getTextContent().strip());
            }
        }
        return out;
    }
}
