package io.tokenwarden.emulator;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends a reply now or after an injected delay (latency, hang) without holding a server thread
 * while it waits: the work itself runs after the delay, so a client that gives up early has not
 * changed anything at the provider.
 */
final class DelayedReplies {

  private DelayedReplies() {}

  static void send(
      AsyncResponse async,
      long delayMillis,
      ScheduledExecutorService scheduler,
      Supplier<HttpReply> work) {
    if (delayMillis <= 0) {
      async.resume(toResponse(work.get()));
      return;
    }
    async.setTimeout(delayMillis + 30_000, TimeUnit.MILLISECONDS);
    scheduler.schedule(
        () -> {
          try {
            async.resume(toResponse(work.get()));
          } catch (RuntimeException e) {
            async.resume(e);
          }
        },
        delayMillis,
        TimeUnit.MILLISECONDS);
  }

  static Response toResponse(HttpReply reply) {
    Response.ResponseBuilder builder =
        Response.status(reply.status()).type(reply.contentType()).entity(reply.body());
    reply.headers().forEach(builder::header);
    return builder.build();
  }
}
