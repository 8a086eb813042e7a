package org.openmargo.agent.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.schedule.Retry;
import org.openmargo.agent.transport.RetryHint;

class RetriesTest {
    private static final Optional<Duration> SECONDS_30 = Optional.of(Duration.ofSeconds(30));

    @Test
    void of_retryableWithAStrategy_takesItAndTheWait() {
        assertThat(Retries.of(new RetryHint(true, SECONDS_30, Optional.of(RetryHint.Backoff.FIXED))))
                .isEqualTo(new Retry(Retry.Strategy.FIXED, SECONDS_30));
        assertThat(Retries.of(new RetryHint(true, SECONDS_30, Optional.of(RetryHint.Backoff.EXPONENTIAL))))
                .isEqualTo(new Retry(Retry.Strategy.EXPONENTIAL, SECONDS_30));
    }

    @Test
    void of_noStrategyNamed_configuredBackoffWithTheWaitAsFloor() {
        assertThat(Retries.of(new RetryHint(true, SECONDS_30, Optional.empty())))
                .isEqualTo(Retry.configured(SECONDS_30));
        assertThat(Retries.of(RetryHint.silent())).isEqualTo(Retry.configured());
    }

    @Test
    void of_notRetryable_configuredBackoffWhateverTheStrategyButTheWaitIsKept() {
        assertThat(Retries.of(new RetryHint(false, SECONDS_30, Optional.of(RetryHint.Backoff.FIXED))))
                .isEqualTo(Retry.configured(SECONDS_30));
        assertThat(Retries.of(new RetryHint(false, Optional.empty(), Optional.of(RetryHint.Backoff.NONE))))
                .isEqualTo(Retry.configured());
    }
}
