package org.openmargo.wfm.rollout;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * How far one wave reaches, cumulatively: a number of devices ({@code {"devices": 1}}, a canary) or a percentage of
 * the rollout's devices ({@code {"percent": 50}}). Wave {@code i} covers the devices up to its reach that the waves
 * before it did not; the last wave always covers every remaining device.
 */
public sealed interface WaveSize {
    /** Most waves a rollout may have. */
    int MAX_WAVES = 20;

    /** The cumulative device count this wave reaches, of {@code total}, never below {@code before}. */
    int reach(int total, int before);

    /** An absolute number of further devices. */
    record Devices(int count) implements WaveSize {
        @Override
        public int reach(int total, int before) {
            return Math.min(total, before + count);
        }
    }

    /** A cumulative percentage of all devices, rounded up. */
    record Percent(int percent) implements WaveSize {
        @Override
        public int reach(int total, int before) {
            return Math.max(before, Math.min(total, (int) Math.ceil(total * percent / 100.0)));
        }
    }

    /**
     * The wave index of each of {@code total} devices, in their order.
     *
     * @return an array of {@code total} indexes, non-decreasing, every one below {@code waves.size()}
     */
    static int[] assign(List<WaveSize> waves, int total) {
        int[] wave = new int[total];
        int before = 0;
        for (int i = 0; i < waves.size(); i++) {
            int reach = i == waves.size() - 1 ? total : waves.get(i).reach(total, before);
            for (int d = before; d < reach; d++) {
                wave[d] = i;
            }
            before = reach;
        }
        return wave;
    }

    /**
     * Reads {@code [{"devices": n} | {"percent": p}, ...]}.
     *
     * @throws ProblemException 422 naming each wave at fault
     */
    static List<WaveSize> parse(JsonValue json) {
        List<FieldError> errors = new ArrayList<>();
        List<WaveSize> out = new ArrayList<>();
        if (!(json instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_WAVES) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the waves are invalid",
                    List.of(new FieldError("waves", "must be an array of 1 to " + MAX_WAVES + " waves")));
        }
        for (int i = 0; i < a.size(); i++) {
            String at = "waves[" + i + "]";
            if (a.get(i) instanceof JsonObject o && o.size() == 1 && o.get("devices") instanceof JsonNumber n
                    && n.isIntegral() && n.longValue() >= 1 && n.longValue() <= 1_000_000) {
                out.add(new Devices(n.intValue()));
            } else if (a.get(i) instanceof JsonObject o && o.size() == 1 && o.get("percent") instanceof JsonNumber n
                    && n.isIntegral() && n.longValue() >= 1 && n.longValue() <= 100) {
                out.add(new Percent(n.intValue()));
            } else {
                errors.add(new FieldError(at, "must be {\"devices\": 1..1000000} or {\"percent\": 1..100}"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the waves are invalid", errors);
        }
        return out;
    }

    /** The JSON form {@link #parse} reads. */
    static JsonArray toJson(List<WaveSize> waves) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (WaveSize w : waves) {
            a.add(switch (w) {
                case Devices d -> Json.createObjectBuilder().add("devices", d.count());
                case Percent p -> Json.createObjectBuilder().add("percent", p.percent());
            });
        }
        return a.build();
    }
}
