package org.openmargo.wfm.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class RolloutProgressTest {
    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void progress_perWaveInstalledOfDevices_andOverallPercent() {
        Map<String, Object> model = RolloutPages.progress(json("""
                {'id': 'r1', 'state': 'running', 'waveProgress': [
                  {'index': 0, 'devices': 2, 'counts': {'installed': 2}, 'stale': 0},
                  {'index': 1, 'devices': 4, 'counts': {'installed': 1, 'failed': 1, 'pending': 2}, 'stale': 1}],
                 'devices': [{'clientId': 'a', 'deviceId': 'd', 'wave': 1, 'state': 'failed', 'stale': false}]}"""));

        assertThat(model).containsEntry("installed", 3).containsEntry("total", 6).containsEntry("percent", 50)
                .containsEntry("live", true).containsEntry("running", true).containsEntry("paused", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> waves = (List<Map<String, Object>>) model.get("waveList");
        assertThat(waves.get(0)).containsEntry("number", 1).containsEntry("percent", 100)
                .containsEntry("failed", false).containsEntry("stale", false);
        assertThat(waves.get(1)).containsEntry("number", 2).containsEntry("installed", 1).containsEntry("percent", 25)
                .containsEntry("failed", 1).containsEntry("stale", 1);
    }

    @Test
    void progress_completed_stopsRefreshing() {
        assertThat(RolloutPages.progress(json("{'state': 'completed', 'waveProgress': []}")))
                .containsEntry("live", false).containsEntry("percent", 0);
    }
}
