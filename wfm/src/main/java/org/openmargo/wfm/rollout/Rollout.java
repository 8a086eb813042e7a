package org.openmargo.wfm.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A staged move of one fleet deployment's members to another application version.
 *
 * @param id               a UUID
 * @param intentId         the fleet deployment
 * @param fromVersion      the fleet deployment's version when the rollout started; {@link #NONE} for a first rollout
 *                         (of a staged fleet deployment)
 * @param toVersion        the version members move to; {@link #NONE} for the rollback of a first rollout (members
 *                         lose the deployment)
 * @param waves            the wave sizes, in order; the last wave always takes every remaining device
 * @param successThreshold fraction (0..1] of the devices of the started waves that must report {@code installed}
 *                         before the next wave starts
 * @param errorThreshold   fraction [0..1) of those devices that may fail (or not be placeable) before the rollout
 *                         pauses itself; 0 pauses at the first failure
 * @param waveTimeout      a wave that has not reached its success threshold after this long pauses the rollout
 * @param state            where it is
 * @param currentWave      the index of the last started wave
 * @param waveStartedAt    when that wave started (or the rollout was last resumed)
 * @param reason           why it paused, was cancelled or completed; empty while running normally
 * @param rollbackOf       the rollout this one reverses, if it is a rollback
 * @param createdBy        the operator
 * @param createdAt        when
 */
public record Rollout(String id, String intentId, String fromVersion, String toVersion, List<WaveSize> waves,
                      double successThreshold, double errorThreshold, Duration waveTimeout, State state,
                      int currentWave, Instant waveStartedAt, Optional<String> reason, Optional<String> rollbackOf,
                      String createdBy, Instant createdAt) {

    /** "No version": the empty string, which no catalogue version can be (stored as SQL NULL, JSON null). */
    public static final String NONE = "";

    public Rollout {
        waves = List.copyOf(waves);
    }

    /** The states; RUNNING and PAUSED are active, at most one active rollout per fleet deployment. */
    public enum State {
        RUNNING, PAUSED, COMPLETED, CANCELLED;

        public boolean active() {
            return this == RUNNING || this == PAUSED;
        }
    }

    Rollout with(State next, int wave, Instant startedAt, Optional<String> why) {
        return new Rollout(id, intentId, fromVersion, toVersion, waves, successThreshold, errorThreshold,
                waveTimeout, next, wave, startedAt, why, rollbackOf, createdBy, createdAt);
    }
}
