package io.tokenwarden.emulator;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a reply now or after an injected delay (latency, hang) without holding a server thread
 * while it waits: the work itself runs after the delay, so a client that gives up during a hang has
 * not changed anything at the provider. Replies still waiting when the application stops, or that
 * the scheduler refuses, are answered with a 503 at once; otherwise their requests would stay open
 * and stall the server's shutdown.
 */
final class DelayedReplies {

  private final Set<AsyncResponse> pending = ConcurrentHashMap.newKeySet();

  /** What a reply is resumed with: a JAX-RS response, or the reply itself in unit tests. */
  private final Function<HttpReply, Object> render;

  DelayedReplies() {
    this(DelayedReplies::toResponse);
  }

  DelayedReplies(Function<HttpReply, Object> render) {
    this.render = render;
  }

  void send(
      AsyncResponse async,
      long delayMillis,
      ScheduledExecutorService scheduler,
      Supplier<HttpReply> work) {
    if (delayMillis <= 0) {
      async.resume(render.apply(work.get()));
      return;
    }
    pending.add(async);
    // No AsyncResponse timeout as a safety net: RESTEasy schedules one on the managed scheduler
    // per request and does not cancel it on resume, so under load thousands wait out their 30 s
    // and every new schedule purges through them (P2, docs/BENCHMARKS.md). A reply the scheduler
    // refuses is answered now; one still waiting when the application stops, by releaseAll.
    try {
      scheduler.schedule(
          () -> {
            if (!pending.remove(async)) {
              return;
            }
            try {
              async.resume(render.apply(work.get()));
            } catch (RuntimeException e) {
              async.resume(e);
            }
          },
          delayMillis,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      if (pending.remove(async)) {
        async.resume(render.apply(stopping()));
      }
    }
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
          async.resume(render.apply(stopping()));
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
