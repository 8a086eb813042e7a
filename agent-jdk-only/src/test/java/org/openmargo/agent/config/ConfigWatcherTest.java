package org.openmargo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.config.ConfigWatcher.Change;

class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void check_untouchedOrRewrittenIdentically_unchanged() {
        ConfigFixture fixture = ConfigFixture.in(dir);
        ConfigWatcher watcher = ConfigWatcher.start(fixture.write(ConfigFixture.MINIMAL), Map.of());

        assertThat(watcher.check()).isEqualTo(new Change.Unchanged());
        fixture.write(ConfigFixture.MINIMAL);
        assertThat(watcher.check()).isEqualTo(new Change.Unchanged());
    }

    @Test
    void check_scheduleKeyChanged_newScheduleWithoutRestart() {
        ConfigFixture fixture = ConfigFixture.in(dir);
        ConfigWatcher watcher = ConfigWatcher.start(fixture.write(ConfigFixture.MINIMAL), Map.of());

        fixture.write(ConfigFixture.MINIMAL + "poll.rate = PT1M\ndowntime.weekly = SUN 01:00-05:00\n");

        Change change = watcher.check();
        assertThat(change).isInstanceOf(Change.ScheduleChanged.class);
        assertThat(((Change.ScheduleChanged) change).schedule().pollRate()).isEqualTo(Duration.ofMinutes(1));
        assertThat(watcher.current().schedule().downtime().windows()).hasSize(1);
        assertThat(watcher.check()).isEqualTo(new Change.Unchanged());
    }

    @Test
    void check_otherKeyChanged_restartNeededNamingIt() {
        ConfigFixture fixture = ConfigFixture.in(dir);
        ConfigWatcher watcher = ConfigWatcher.start(fixture.write(ConfigFixture.MINIMAL), Map.of());

        fixture.write(ConfigFixture.MINIMAL.replace("wfm.example.com", "wfm2.example.com") + "poll.rate = PT1M\n");

        Change change = watcher.check();
        assertThat(change).isInstanceOf(Change.RestartNeeded.class);
        Change.RestartNeeded restart = (Change.RestartNeeded) change;
        assertThat(restart.changedKeys()).containsExactly("wfm.url");
        assertThat(restart.config().schedule().pollRate()).isEqualTo(Duration.ofMinutes(1));
        assertThat(restart.message()).startsWith("wfm.url changed: restart the agent");
    }

    @Test
    void check_invalidEdit_keepsTheOldSettingsAndReportsOnce() {
        ConfigFixture fixture = ConfigFixture.in(dir);
        Path file = fixture.write(ConfigFixture.MINIMAL);
        ConfigWatcher watcher = ConfigWatcher.start(file, Map.of());
        AgentConfig before = watcher.current();

        fixture.write(ConfigFixture.MINIMAL + "poll.rate = often\n");

        assertThat(watcher.check()).isEqualTo(new Change.Invalid(List.of(file + ":10: poll.rate: expected an"
                + " ISO-8601 duration such as PT5M from PT1S to PT24H but got 'often'")));
        assertThat(watcher.current()).isSameAs(before);
        assertThat(watcher.check()).isEqualTo(new Change.Unchanged());
        fixture.write(ConfigFixture.MINIMAL + "poll.rate = PT2M\n");
        assertThat(watcher.check()).isInstanceOf(Change.ScheduleChanged.class);
    }
}
