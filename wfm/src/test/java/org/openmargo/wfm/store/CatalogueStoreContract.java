package org.openmargo.wfm.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Applications;
import org.openmargo.wfm.catalogue.CatalogueService;
import org.openmargo.wfm.catalogue.VersionInfo;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** The behaviour of the application catalogue's store ({@code app_version}) that every backend must show. */
abstract class CatalogueStoreContract extends StoreContract {

    CatalogueService catalogue() {
        return db().database.catalogue();
    }

    String appId() {
        return prefix + "app";
    }

    /** A minimal valid description of {@link #appId()} at {@code version}, CRLF line ends and non-ASCII text. */
    String description(String version, String name) {
        return ("apiVersion: margo.org/v1-alpha1\nkind: ApplicationDescription\nid: " + appId() + "\nmetadata:\n"
                + "  name: " + name + "\n  version: " + version + "\n  catalog:\n    organization:\n"
                + "      - name: Nørthstar\ndeploymentProfiles:\n  - type: compose\n    id: c\n    components:\n"
                + "      - name: app\n        properties:\n          repository: oci://r.example/app\n"
                + "          revision: 1.0.0\n").replace("\n", "\r\n");
    }

    @Test
    void importDescription_new_storedWithItsExactBytesAndWho() {
        byte[] bytes = description("1.0.0", "Düsseldorf app").getBytes(UTF_8);

        Applications.Imported imported = catalogue().importDescription(bytes, "alice");

        AppVersion app = new AppVersion(appId(), "1.0.0");
        assertThat(imported.created()).isTrue();
        assertThat(imported.info()).isEqualTo(new VersionInfo(app, "Düsseldorf app",
                org.openmargo.wfm.desiredstate.Digest.sha256(bytes).value().substring(7), bytes.length,
                UtcTime.truncate(START), "alice"));
        assertThat(catalogue().descriptionBytes(app)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(catalogue().versions()).contains(imported.info());
        assertThat(catalogue().exists(app)).isTrue();
    }

    @Test
    void importDescription_sameBytesAgain_unchangedAndNotCreated() {
        byte[] bytes = description("1.0.0", "app").getBytes(UTF_8);
        VersionInfo first = catalogue().importDescription(bytes, "alice").info();
        db().clock.set(START.plusSeconds(60));

        Applications.Imported again = catalogue().importDescription(bytes, "bob");

        assertThat(again.created()).isFalse();
        assertThat(again.info()).isEqualTo(first);
    }

    @Test
    void importDescription_otherBytesSameVersion_conflictAndOriginalKept() {
        byte[] bytes = description("1.0.0", "app").getBytes(UTF_8);
        catalogue().importDescription(bytes, "alice");

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> catalogue().importDescription(
                description("1.0.0", "changed app").getBytes(UTF_8), "bob"));

        assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(e.detail()).contains(appId() + "@1.0.0 was imported with other bytes");
        assertThat(catalogue().descriptionBytes(new AppVersion(appId(), "1.0.0")))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void versions_orderedByAppThenImportTime() {
        db().clock.set(START.plusSeconds(10));
        catalogue().importDescription(description("2.0.0", "app").getBytes(UTF_8), "alice");
        db().clock.set(START.plusSeconds(20));
        catalogue().importDescription(description("1.0.0", "app").getBytes(UTF_8), "alice");

        assertThat(catalogue().versions()).filteredOn(v -> v.app().appId().equals(appId()))
                .extracting(v -> v.app().version()).containsExactly("2.0.0", "1.0.0");
    }

    @Test
    void show_versionWithoutConfiguration_profilesAndEmptyParameters() {
        catalogue().importDescription(description("1.0.0", "app").getBytes(UTF_8), "alice");

        Applications.Shown shown = catalogue().show(new AppVersion(appId(), "1.0.0")).orElseThrow();

        assertThat(shown.profiles().toString()).isEqualTo("[{\"type\":\"compose\",\"id\":\"c\",\"components\":"
                + "[{\"name\":\"app\",\"properties\":{\"repository\":\"oci://r.example/app\","
                + "\"revision\":\"1.0.0\"}}]}]");
        assertThat(shown.parameters().toString()).isEqualTo("{}");
        assertThat(shown.configuration()).isEqualTo(jakarta.json.JsonValue.NULL);
        assertThat(catalogue().show(new AppVersion(appId(), "9.0.0"))).isEmpty();
    }

    @Test
    void delete_unused_goneAndImportableAgainWithOtherBytes() {
        catalogue().importDescription(description("1.0.0", "app").getBytes(UTF_8), "alice");
        AppVersion app = new AppVersion(appId(), "1.0.0");

        catalogue().delete(app);

        assertThat(catalogue().exists(app)).isFalse();
        assertThat(catalogue().descriptionBytes(app)).isEmpty();
        assertThat(catalogue().importDescription(description("1.0.0", "other").getBytes(UTF_8), "bob").created())
                .isTrue();
        assertThat(catalogue().show(app).orElseThrow().info().name()).isEqualTo("other");
    }

    @Test
    void delete_absent_notFound() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> catalogue().delete(new AppVersion(appId(), "1.0.0")));

        assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
    }

    @Test
    void delete_referencedByAForeignKey_conflictAndKept() {
        catalogue().importDescription(description("1.0.0", "app").getBytes(UTF_8), "alice");
        String table = "ref_" + prefix.replace("-", "");
        sql("CREATE TABLE " + table + " (app_id VARCHAR(200) NOT NULL, version VARCHAR(128) NOT NULL, "
                + "CONSTRAINT " + table + "_fk FOREIGN KEY (app_id, version) "
                + "REFERENCES app_version (app_id, version))");
        try {
            sql("INSERT INTO " + table + " VALUES ('" + appId() + "', '1.0.0')");
            AppVersion app = new AppVersion(appId(), "1.0.0");

            ProblemException e = catchThrowableOfType(ProblemException.class, () -> catalogue().delete(app));

            assertThat(e.type()).isEqualTo(ProblemType.CONFLICT);
            assertThat(catalogue().exists(app)).isTrue();
            assertThat(catalogue().versions()).extracting(VersionInfo::app).contains(app);
        } finally {
            sql("DROP TABLE " + table);
        }
    }

    @Test
    void lookups_unknownVersion_empty() {
        AppVersion app = new AppVersion(appId(), "3.0.0");

        assertThat(catalogue().exists(app)).isFalse();
        assertThat(catalogue().profileIds(app)).isEqualTo(Optional.empty());
        assertThat(catalogue().descriptionBytes(app)).isEmpty();
    }

    private void sql(String statement) {
        try (Connection c = DriverManager.getConnection(db().settings.url(), db().settings.user(),
                db().settings.password()); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
