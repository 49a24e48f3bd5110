package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayedRepliesTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final DelayedReplies replies = new DelayedReplies(reply -> reply);

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  /**
   * A delayed reply leaves no timer behind: the JAX-RS runtime does not cancel an AsyncResponse
   * timeout on resume, so one per request piled up on the managed scheduler under load.
   */
  @Test
  void aDelayedReplyArrivesAfterItsDelayAndSetsNoTimeout() {
    RecordingResponse async = new RecordingResponse();
    AtomicInteger worked = new AtomicInteger();

    sendDelayed(async, worked);

    assertThat(replies.pendingCount()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> async.resumed.get() != null);
    assertThat(async.resumed.get()).isInstanceOf(HttpReply.class);
    assertThat(((HttpReply) async.resumed.get()).status()).isEqualTo(200);
    assertThat(worked).hasValue(1);
    assertThat(replies.pendingCount()).isZero();
    assertThat(async.timeoutsSet).hasValue(0);
  }

  /**
   * A scheduler that refuses (the application stopping) gets a 503 now, not a request left open.
   */
  @Test
  void aReplyTheSchedulerRefusesIsAnsweredAtOnce() {
    scheduler.shutdown();
    RecordingResponse async = new RecordingResponse();
    AtomicInteger worked = new AtomicInteger();

    sendDelayed(async, worked);

    assertThat(async.resumed.get()).isInstanceOf(HttpReply.class);
    assertThat(((HttpReply) async.resumed.get()).status()).isEqualTo(503);
    assertThat(worked).hasValue(0);
    assertThat(replies.pendingCount()).isZero();
  }

  /** A reply 50 ms late whose work counts in {@code worked}. */
  private void sendDelayed(RecordingResponse async, AtomicInteger worked) {
    replies.send(
        async,
        50,
        scheduler,
        () -> HttpReply.json(200, "{\"n\":" + worked.incrementAndGet() + "}"));
  }

  /** Records what the code under test does with the response; nothing else is used. */
  private static final class RecordingResponse implements AsyncResponse {
    final AtomicReference<Object> resumed = new AtomicReference<>();
    final AtomicInteger timeoutsSet = new AtomicInteger();

    @Override
    public boolean resume(Object response) {
      return resumed.compareAndSet(null, response);
    }

    @Override
    public boolean resume(Throwable response) {
      return resumed.compareAndSet(null, response);
    }

    @Override
    public boolean cancel() {
      return false;
    }

    @Override
    public boolean cancel(int retryAfter) {
      return false;
    }

    @Override
    public boolean cancel(Date retryAfter) {
      return false;
    }

    @Override
    public boolean isSuspended() {
      return resumed.get() == null;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return resumed.get() != null;
    }

    @Override
    public boolean setTimeout(long time, TimeUnit unit) {
      timeoutsSet.incrementAndGet();
      return true;
    }

    @Override
    public void setTimeoutHandler(TimeoutHandler handler) {
      timeoutsSet.incrementAndGet();
    }

    @Override
    public Collection<Class<?>> register(Class<?> callback) {
      return java.util.List.of();
    }

    @Override
    public Map<Class<?>, Collection<Class<?>>> register(Class<?> callback, Class<?>... callbacks) {
      return Map.of();
    }

    @Override
    public Collection<Class<?>> register(Object callback) {
      return java.util.List.of();
    }

    @Override
    public Map<Class<?>, Collection<Class<?>>> register(Object callback, Object... callbacks) {
      return Map.of();
    }
  }
}
