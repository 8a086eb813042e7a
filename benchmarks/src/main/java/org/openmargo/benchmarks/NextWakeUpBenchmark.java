package org.openmargo.benchmarks;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.schedule.DailyWindow;
import org.openmargo.agent.schedule.Downtime;
import org.openmargo.agent.schedule.DowntimeWindow;
import org.openmargo.agent.schedule.Jitter;
import org.openmargo.agent.schedule.Next;
import org.openmargo.agent.schedule.Outcome;
import org.openmargo.agent.schedule.PollWindows;
import org.openmargo.agent.schedule.Retry;
import org.openmargo.agent.schedule.ScheduleSettings;
import org.openmargo.agent.schedule.WakeUp;

/**
 * Cost of one whole wake-up decision ({@link WakeUp#next}) over the agent's six step outcomes (configuration check,
 * trust refresh, SVID renewal, poll, reconcile, delivery) with the settings of {@link NextPollBenchmark}: two daily
 * windows, three downtime windows, 10 % jitter. {@code now} walks through a week in 7-minute steps. The agent makes
 * this decision after every pass, at most about once a second (the configuration check); the baseline
 * {@code naiveMinimum} only takes the earliest of six fixed instants, with no settings applied.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NextWakeUpBenchmark {
    private static final Instant START = Instant.parse("2026-06-08T00:00:00Z");
    private static final int STEPS = 7 * 24 * 60 / 7;

    private WakeUp.Settings settings;
    private Instant[] nows;
    private List<Next>[] afterSuccess;
    private List<Next>[] afterFailure;
    private Instant[][] fixed;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        PollWindows windows = new PollWindows(List.of(
                new DailyWindow(LocalTime.of(6, 0), LocalTime.of(22, 0)),
                new DailyWindow(LocalTime.of(23, 0), LocalTime.of(1, 30))), berlin);
        Downtime downtime = new Downtime(List.of(
                new DowntimeWindow.Weekly(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(5, 0), berlin),
                new DowntimeWindow.Weekly(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(23, 30), berlin),
                new DowntimeWindow.Once(Instant.parse("2026-06-10T09:00:00Z"), Instant.parse("2026-06-10T11:00:00Z"))));
        ScheduleSettings poll = new ScheduleSettings(Duration.ofMinutes(5), new Jitter(10), windows, downtime,
                Backoff.defaults());
        settings = new WakeUp.Settings(poll, new ScheduleSettings(Duration.ofMinutes(15), poll.jitter(),
                PollWindows.always(), downtime, poll.backoff()));
        nows = new Instant[STEPS];
        afterSuccess = new List[STEPS];
        afterFailure = new List[STEPS];
        fixed = new Instant[STEPS][];
        for (int i = 0; i < STEPS; i++) {
            Instant now = START.plus(Duration.ofMinutes(7L * i));
            nows[i] = now;
            List<Next> local = List.of(new Next.At(now.plusSeconds(1)), new Next.At(now.plus(Duration.ofHours(1))),
                    new Next.At(now.plusSeconds(30)), new Next.WithPass());
            Outcome.Failed failed = new Outcome.Failed(1 + i % 8, now,
                    Retry.configured(Optional.of(Duration.ofSeconds(7))));
            afterSuccess[i] = concat(local, new Next.Poll(new Outcome.Succeeded(), now, i),
                    new Next.Delivery(new Outcome.Succeeded(), now, i, now));
            afterFailure[i] = concat(local, new Next.Poll(failed, now, i), new Next.Delivery(failed, now, i, now));
            fixed[i] = new Instant[] {now.plusSeconds(1), now.plus(Duration.ofHours(1)), now.plusSeconds(30),
                now.plus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(15)), now.plusSeconds(7)};
        }
    }

    private static List<Next> concat(List<Next> local, Next poll, Next delivery) {
        return List.of(local.get(0), local.get(1), local.get(2), poll, local.get(3), delivery);
    }

    private int step() {
        next = next + 1 == STEPS ? 0 : next + 1;
        return next;
    }

    @Benchmark
    public void afterSuccess(Blackhole sink) {
        int i = step();
        sink.consume(WakeUp.next(afterSuccess[i], settings, false, nows[i]));
    }

    @Benchmark
    public void afterFailureWithReportsPending(Blackhole sink) {
        int i = step();
        sink.consume(WakeUp.next(afterFailure[i], settings, true, nows[i]));
    }

    @Benchmark
    public void naiveMinimum(Blackhole sink) {
        Instant[] dues = fixed[step()];
        Instant min = dues[0];
        for (Instant due : dues) {
            min = due.isBefore(min) ? due : min;
        }
        sink.consume(min);
    }
}
