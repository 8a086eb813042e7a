package org.openmargo.agent.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.eligibility.EligibilityTest.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapacityTest {
    private static String cpu(String cpu) {
        return "{\"capacityRequirements\":{\"cpu\":" + cpu + "}}";
    }

    @Test
    void cpu_coresOfOneEntryOfAnAcceptedArchitecture_areEnough() {
        assertThat(evaluate(cpu("{\"cores\":8,\"architectures\":[\"arm64\"]}"))).isEqualTo(new Verdict.Eligible());
        assertThat(evaluate(cpu("{\"cores\":0.5}"))).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void cpu_coresAreNeverSummedAcrossEntries() {
        assertThat(evaluate(cpu("{\"cores\":10}")))
                .isEqualTo(new Verdict.Ineligible("needs 10 cores on one CPU; this device has at most 8"));
    }

    @Test
    void cpu_onlyEntriesOfAcceptedArchitecturesCount() {
        assertThat(evaluate(cpu("{\"cores\":4,\"architectures\":[\"riscv64\",\"amd64\"]}"))).isEqualTo(
                new Verdict.Ineligible("needs 4 cores on one CPU of riscv64|amd64; this device has at most 2"));
        assertThat(evaluate(cpu("{\"cores\":1,\"architectures\":[\"arm\"]}"))).isEqualTo(
                new Verdict.Ineligible("needs 1 core on one CPU of arm; this device has no CPU of arm"));
    }

    @Test
    void cpu_entryWithoutArchitecture_doesNotMeetAnArchitectureList() {
        String device = "{\"properties\":{\"cpus\":[{\"cores\":16}]}}";
        assertThat(evaluate(cpu("{\"cores\":2,\"architectures\":[\"amd64\"]}"), device)).isEqualTo(
                new Verdict.Ineligible("needs 2 cores on one CPU of amd64; this device has no CPU of amd64"));
        assertThat(evaluate(cpu("{\"cores\":2}"), device)).isEqualTo(new Verdict.Eligible());
    }

    @Test
    void resources_theDeviceDoesNotReport_areNotChecked() {
        String device = "{\"properties\":{\"id\":\"d\"}}";
        assertThat(evaluate("{\"capacityRequirements\":{\"cpu\":{\"cores\":64},\"memory\":\"1Ei\",\"storage\":\"1Ei\"}}",
                device)).isEqualTo(new Verdict.Eligible());
    }

    @ParameterizedTest(name = "memory {0} on a device with {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1024Mi | 1Gi      | true
            1025Mi | 1Gi      | false
            1Gi    | 1 Gi     | true
            2Gi    | 1.5 Gi   | false
            1536Mi | 1.5Gi    | true
            1Ki    | 1024     | true
            1Ki    | 1023     | false
            1Gi    | 1G       | false
            1G     | 1000Mi   | true
            1Ti    | 1024Gi   | true
            1Pi    | 1024Ti   | true
            1Ei    | 1024Pi   | true
            1Ei    | 1023Pi   | false
            1k     | 1000     | true
            1Mi    | lots     | true
            """)
    void memory_unitsCompareInBytes(String need, String have, boolean eligible) {
        String device = "{\"properties\":{\"memory\":\"" + have + "\"}}";
        assertThat(evaluate("{\"capacityRequirements\":{\"memory\":\"" + need + "\"}}", device)
                instanceof Verdict.Eligible).isEqualTo(eligible);
    }

    @Test
    void storage_short_namesBothAmounts() {
        assertThat(evaluate("{\"capacityRequirements\":{\"storage\":\"2Ti\"}}"))
                .isEqualTo(new Verdict.Ineligible("needs storage 2Ti; this device has 1862Gi"));
    }

    @Test
    void cpu_isCheckedBeforeMemory() {
        assertThat(evaluate("{\"capacityRequirements\":{\"cpu\":{\"cores\":9},\"memory\":\"64Gi\"}}"))
                .isEqualTo(new Verdict.Ineligible("needs 9 cores on one CPU; this device has at most 8"));
    }

    @Test
    void invalid_requirements_areIneligible() {
        assertThat(evaluate("{\"capacityRequirements\":{\"memory\":\"much\"}}")).isEqualTo(new Verdict.Ineligible(
                "invalid deviceConstraints.capacityRequirements.memory: expected an amount such as 512Mi or 2Gi"));
        assertThat(evaluate(cpu("{\"architectures\":[\"amd64\"]}"))).isEqualTo(new Verdict.Ineligible(
                "invalid deviceConstraints.capacityRequirements.cpu.cores: expected a number"));
        assertThat(evaluate("{\"capacityRequirements\":[]}")).isEqualTo(new Verdict.Ineligible(
                "invalid deviceConstraints.capacityRequirements: expected an object"));
    }
}
