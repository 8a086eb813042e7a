package org.openmargo.agent.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.trust.Discovery;

/** Where the token may be sent: https, and on the pinned discovery origin. */
class EnrollUriTest {
    private static final URI DISCOVERY = URI.create("https://mis.example:8444/.well-known/margo");

    private static Discovery naming(String enrollUri) {
        return new Discovery("plant.example", URI.create("https://mis.example:8444/.well-known/spiffe/bundle.json"),
                Optional.of("wfm-1"), Optional.ofNullable(enrollUri).map(URI::create));
    }

    @Test
    void enrollUri_absent_isTheDiscoveryOriginWithTheDefaultPath() throws Exception {
        assertThat(Enrollment.enrollUri(DISCOVERY, naming(null), true))
                .isEqualTo(URI.create("https://mis.example:8444/x-openmargo/enrollment/v1/enroll"));
    }

    @Test
    void enrollUri_sameOriginWithDefaultPortSpelledOut_isAccepted() throws Exception {
        URI discovery = URI.create("https://mis.example/.well-known/margo");

        assertThat(Enrollment.enrollUri(discovery, naming("https://MIS.example:443/e"), true))
                .isEqualTo(URI.create("https://MIS.example:443/e"));
    }

    @Test
    void enrollUri_otherHostWithPins_isRefused() {
        assertThatThrownBy(() -> Enrollment.enrollUri(DISCOVERY, naming("https://evil.example:8444/e"), true))
                .isInstanceOf(EnrollmentException.class)
                .hasMessage("the discovery document names an enrollment URI on another origin than the pinned one "
                        + "(https://mis.example:8444): https://evil.example:8444/e");
    }

    @Test
    void enrollUri_otherHostWithoutPins_isAcceptedBecauseTheWebPkiAuthenticatesIt() throws Exception {
        assertThat(Enrollment.enrollUri(DISCOVERY, naming("https://enroll.example/e"), false))
                .isEqualTo(URI.create("https://enroll.example/e"));
    }

    @Test
    void enrollUri_plainHttp_isRefused() {
        assertThatThrownBy(() -> Enrollment.enrollUri(DISCOVERY, naming("http://mis.example:8444/e"), true))
                .isInstanceOf(EnrollmentException.class)
                .hasMessage("the discovery document names an enrollment URI that is not https: "
                        + "http://mis.example:8444/e");
    }
}
