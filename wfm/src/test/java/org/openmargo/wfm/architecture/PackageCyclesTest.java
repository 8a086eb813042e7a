package org.openmargo.wfm.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the WFM's production classes has no cycle: every package, the root {@code org.openmargo.wfm}
 * included, is one node, so a newcomer can read the packages bottom-up. Fails, rather than passing vacuously, when the
 * import finds fewer classes or packages than the WFM has.
 */
class PackageCyclesTest {
    private static final String ROOT = "org.openmargo.wfm";

    /** Each class belongs to the node of its own package; anything outside the WFM is not a node. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(ROOT) || name.startsWith(ROOT + ".") ? SliceIdentifier.of(name)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + ROOT;
        }
    };

    @Test
    void wfmPackages_productionClasses_haveNoCycle() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());

        assertThat(classes.size()).as("production classes imported").isGreaterThan(150);
        assertThat(packages).as("packages imported").hasSizeGreaterThan(15)
                .contains(ROOT, ROOT + ".deviceapi", ROOT + ".operatorapi", ROOT + ".identityserviceapi",
                        ROOT + ".httpcommon", ROOT + ".store");
        slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(classes);
    }
}
