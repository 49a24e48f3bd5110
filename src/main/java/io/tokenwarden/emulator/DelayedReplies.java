package io.tokenwarden.emulator;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends a reply now or after an injected delay (latency, hang) without holding a server thread
 * while it waits: the work itself runs after the delay, so a client that gives up during a hang has
 * not changed anything at the provider. Replies still waiting when the application stops are
 * answered with a 503 at once; otherwise their requests would stay open and stall the server's
 * shutdown.
 */
final class DelayedReplies {

  private final Set<AsyncResponse> pending = ConcurrentHashMap.newKeySet();

  void send(
      AsyncResponse async,
      long delayMillis,
      ScheduledExecutorService scheduler,
      Supplier<HttpReply> work) {
    if (delayMillis <= 0) {
      async.resume(toResponse(work.get()));
      return;
    }
    pending.add(async);
    async.setTimeout(delayMillis + 30_000, TimeUnit.MILLISECONDS);
    async.setTimeoutHandler(
        timedOut -> {
          if (pending.remove(timedOut)) {
            timedOut.resume(toResponse(stopping()));
          }
        });
    scheduler.schedule(
        () -> {
          if (!pending.remove(async)) {
            return;
          }
          try {
            async.resume(toResponse(work.get()));
          } catch (RuntimeException e) {
            async.resume(e);
          }
        },
        delayMillis,
        TimeUnit.MILLISECONDS);
  }

  /** How many delayed replies are still waiting. */
  int pendingCount() {
    return pending.size();
  }

  /** Answers every waiting request now (the application is stopping). */
  void releaseAll() {
    for (AsyncResponse async : pending) {
      if (pending.remove(async)) {
        try {
          async.resume(toResponse(stopping()));
        } catch (RuntimeException alreadyGone) {
          // the client or the container has closed the request already
        }
      }
    }
  }

  private static HttpReply stopping() {
    return HttpReply.html(
        503, Html.errorPage(503, "Service Unavailable", "The emulator is stopping."));
  }

  static Response toResponse(HttpReply reply) {
    Response.ResponseBuilder builder =
        Response.status(reply.status()).type(reply.contentType()).entity(reply.body());
    reply.headers().forEach(builder::header);
    return builder.build();
  }
}
