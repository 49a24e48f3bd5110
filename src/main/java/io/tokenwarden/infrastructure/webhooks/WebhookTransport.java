package io.tokenwarden.infrastructure.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Sends one signed webhook and reports what happened: the status code, how long it took, or a short
 * summary of why there was no answer. Each endpoint has its own URL, so the client is built per
 * call from {@link RestClientBuilder} with the endpoint as base URI and closed afterwards.
 * Redirects are not followed (a receiver that moved answers 3xx, which counts as a failure). The
 * summary names an exception class or a status, never the URL (it may carry a receiver's own
 * secret) nor anything from the body.
 */
@ApplicationScoped
public class WebhookTransport {

  static final String USER_AGENT = "TokenWarden-Webhooks/1";

  /** What one attempt came to. {@code httpStatus} is null when no answer arrived. */
  public record Attempt(Integer httpStatus, Duration took, String error) {

    public boolean delivered() {
      return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }
  }

  /** Posts {@code body} with the Standard Webhooks headers; never throws for a bad answer. */
  public Attempt send(
      URI url, String id, long timestamp, String signature, String body, Duration timeout) {
    long started = System.nanoTime();
    WebhookReceiverApi client = null;
    try {
      client =
          RestClientBuilder.newBuilder()
              .baseUri(url)
              .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .followRedirects(false)
              .build(WebhookReceiverApi.class);
      try (Response response =
          client.deliver(id, Long.toString(timestamp), signature, USER_AGENT, body)) {
        return answered(response.getStatus(), started);
      }
    } catch (WebApplicationException e) {
      // The default response mapper turns every status of 400 and above into this exception.
      return answered(e.getResponse().getStatus(), started);
    } catch (RuntimeException e) {
      return new Attempt(null, since(started), summary(e));
    } finally {
      close(client);
    }
  }

  private static Attempt answered(int status, long started) {
    return new Attempt(
        status, since(started), status >= 200 && status < 300 ? null : "HTTP " + status);
  }

  /** The innermost cause's class: "SocketTimeoutException", "ConnectException", ... */
  static String summary(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "No answer: " + root.getClass().getSimpleName();
  }

  private static void close(WebhookReceiverApi client) {
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing a finished client: nothing left to report
      }
    }
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
