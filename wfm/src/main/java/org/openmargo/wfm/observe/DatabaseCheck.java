package org.openmargo.wfm.observe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.openmargo.wfm.store.Database;

/**
 * Readiness: the database answers {@code SELECT 1} within the timeout. The query runs on a virtual thread of its
 * own, and the probe stops waiting for it at the timeout, so a database that hangs (a stopped server whose
 * connections time out, a pool waiting for a connection) never hangs the probe. One query at a time: a probe that
 * arrives while one is still running waits for that one instead of piling up more.
 */
final class DatabaseCheck implements HealthCheck {
    private final Database database;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();

    DatabaseCheck(Database database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        try {
            query().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.builder().status(true).build();
        } catch (TimeoutException e) {
            return down("no answer within " + timeout);
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private CompletableFuture<Void> query() {
        while (true) {
            CompletableFuture<Void> current = running.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            CompletableFuture<Void> fresh = new CompletableFuture<>();
            if (running.compareAndSet(current, fresh)) {
                Thread.ofVirtual().name("wfm-readiness-db").start(() -> {
                    try {
                        database.probe(timeout);
                        fresh.complete(null);
                    } catch (RuntimeException e) {
                        fresh.completeExceptionally(e);
                    }
                });
                return fresh;
            }
        }
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.builder().status(false).detail("error", why).build();
    }
}
