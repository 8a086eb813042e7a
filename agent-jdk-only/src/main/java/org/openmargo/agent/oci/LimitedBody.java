package org.openmargo.agent.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit. Over the limit it either fails with {@link TooLarge} and cancels
 * the transfer (content the caller wants) or keeps the first {@code limit} bytes and discards the rest (error bodies,
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
    private Flow.Subscription subscription;

    private LimitedBody(long limit, boolean failWhenOver, long declaredLength) {
        this.limit = limit;
        this.failWhenOver = failWhenOver;
        if (failWhenOver && declaredLength > limit) {
            result.completeExceptionally(new TooLarge(limit));
        }
    }

    /** A handler whose bodies fail over {@code limit}. */
    static HttpResponse.BodyHandler<byte[]> failingOver(long limit) {
        return info -> new LimitedBody(limit, true, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** A handler whose bodies are cut at {@code limit}. */
    static HttpResponse.BodyHandler<byte[]> cutAt(long limit) {
        return info -> new LimitedBody(limit, false, -1);
    }

    /** {@link #failingOver} for a 200 answer, {@link #cutAt} 4 KiB for any other. */
    static HttpResponse.BodyHandler<byte[]> content(long limit) {
        return info -> info.statusCode() == 200 ? failingOver(limit).apply(info) : cutAt(4096).apply(info);
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
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(limit));
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
