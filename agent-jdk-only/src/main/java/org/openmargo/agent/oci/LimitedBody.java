package org.openmargo.agent.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response body read into memory up to a limit. Over the limit it either fails with {@link TooLarge} and cancels
 * the transfer (content the caller wants; the client may then report its own "cancelled" error instead, so the
 * overflow is also recorded in a flag the caller passes) or keeps the first {@code limit} bytes and discards the rest (error bodies,
 * which are only logged). A declared {@code Content-Length} over the limit fails before any byte is read.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body was larger than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final boolean failWhenOver;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final AtomicBoolean overflowed;
    private Flow.Subscription subscription;

    private LimitedBody(long limit, boolean failWhenOver, long declaredLength, AtomicBoolean overflowed) {
        this.limit = limit;
        this.failWhenOver = failWhenOver;
        this.overflowed = overflowed;
        if (failWhenOver && declaredLength > limit) {
            overflow();
        }
    }

    /**
     * A handler for content: a 200 answer's body fails over {@code limit} (and sets {@code overflowed}), any other
     * answer's body is cut at 4 KiB.
     */
    static HttpResponse.BodyHandler<byte[]> content(long limit, AtomicBoolean overflowed) {
        return info -> info.statusCode() == 200
                ? new LimitedBody(limit, true, info.headers().firstValueAsLong("Content-Length").orElse(-1), overflowed)
                : new LimitedBody(4096, false, -1, overflowed);
    }

    private void overflow() {
        overflowed.set(true);
        result.completeExceptionally(new TooLarge(limit));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int room = (int) Math.min(Integer.MAX_VALUE, limit - out.size());
            if (item.remaining() > room) {
                if (failWhenOver) {
                    overflow();
                    subscription.cancel();
                    return;
                }
                item.limit(item.position() + room);
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
