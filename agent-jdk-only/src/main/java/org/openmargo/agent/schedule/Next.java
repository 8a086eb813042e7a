package org.openmargo.agent.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * What a step's outcome says about when the step should run again. {@link WakeUp} turns a set of these, the current
 * settings and the clock into each step's due time and the agent's next wake-up; a step never computes that itself
 * for an exchange with the WFM, so a settings change (a removed downtime window, a new rate) re-places every pending
 * exchange at once. Every time is counted from when the step finished (for an exchange: when the answer arrived),
 * never from when the pass started.
 */
public sealed interface Next permits Next.At, Next.Prompt, Next.WithPass, Next.Poll, Next.Delivery {

    /** Due at a fixed instant whatever the settings: local work (configuration check, re-observe, trust, SVID). */
    record At(Instant at) implements Next {
        public At {
            Objects.requireNonNull(at, "at");
        }
    }

    /** An exchange with the WFM due at a fixed instant (the first poll, at start): held out of downtime like all. */
    record Prompt(Instant at) implements Next {
        public Prompt {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Never due on its own: runs in every pass that runs an exchange with the WFM (reconcile, nothing converging). */
    record WithPass() implements Next {
    }

    /**
     * The desired-state poll: {@link PollSchedule#nextPoll} of {@code last} counted from {@code answeredAt}.
     *
     * @param seed the jitter draw of this outcome, so the same outcome is placed the same way on every evaluation
     */
    record Poll(Outcome last, Instant answeredAt, long seed) implements Next {
        public Poll {
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(answeredAt, "answeredAt");
        }
    }

    /**
     * Status delivery: with reports pending, {@link PollSchedule#nextSend} of {@code last} from {@code answeredAt}
     * (after a success: at once); with none pending, the periodic re-report at {@code lastDelivery} plus
     * {@code status.interval}.
     */
    record Delivery(Outcome last, Instant answeredAt, long seed, Instant lastDelivery) implements Next {
        public Delivery {
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(answeredAt, "answeredAt");
            Objects.requireNonNull(lastDelivery, "lastDelivery");
        }
    }
}
