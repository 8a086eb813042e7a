package org.openmargo.benchmarks;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openmargo.agent.schedule.Outcome;
import org.openmargo.agent.schedule.PollSchedule;
import org.openmargo.agent.schedule.PollWindows;
import org.openmargo.agent.schedule.ScheduleSettings;

/**
 * Cost of one scheduling decision with realistic settings: two daily windows in Europe/Berlin, two weekly and one
 * one-off downtime window, 10 % jitter. {@code now} walks through a week in 7-minute steps so every path is taken
 * (inside a window, outside it, into downtime). The baseline {@code naiveFixedRate} is what an agent without windows,
 * downtime or jitter does ({@code now + rate}); the claim is that the full rules cost microseconds at most, which is
 * nothing next to a poll every few minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NextPollBenchmark {
    private static final Instant START = Instant.parse("2026-06-08T00:00:00Z");
    private static final int STEPS = 7 * 24 * 60 / 7;

    private ScheduleSettings settings;
    private Instant[] nows;
    private Outcome.Failed[] failures;
    private final Outcome succeeded = new Outcome.Succeeded();
    private final SplittableRandom random = new SplittableRandom(42);
    private int next;

    @Setup
    public void setUp() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        PollWindows windows = new PollWindows(List.of(
                new DailyWindow(LocalTime.of(6, 0), LocalTime.of(22, 0)),
                new DailyWindow(LocalTime.of(23, 0), LocalTime.of(1, 30))), berlin);
        Downtime downtime = new Downtime(List.of(
                new DowntimeWindow.Weekly(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(5, 0), berlin),
                new DowntimeWindow.Weekly(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(23, 30), berlin),
                new DowntimeWindow.Once(Instant.parse("2026-06-10T09:00:00Z"), Instant.parse("2026-06-10T11:00:00Z"))));
        settings = new ScheduleSettings(Duration.ofMinutes(5), new Jitter(10), windows, downtime, Backoff.defaults());
        nows = new Instant[STEPS];
        failures = new Outcome.Failed[STEPS];
        for (int i = 0; i < STEPS; i++) {
            nows[i] = START.plus(Duration.ofMinutes(7L * i));
            failures[i] = new Outcome.Failed(1 + i % 8, nows[i]);
        }
    }

    private int step() {
        next = next + 1 == STEPS ? 0 : next + 1;
        return next;
    }

    @Benchmark
    public void afterSuccess(Blackhole sink) {
        sink.consume(PollSchedule.nextPoll(settings, nows[step()], succeeded, random));
    }

    @Benchmark
    public void afterFailure(Blackhole sink) {
        int i = step();
        sink.consume(PollSchedule.nextPoll(settings, nows[i], failures[i], random));
    }

    @Benchmark
    public void naiveFixedRate(Blackhole sink) {
        sink.consume(nows[step()].plus(settings.pollRate()));
    }
}
