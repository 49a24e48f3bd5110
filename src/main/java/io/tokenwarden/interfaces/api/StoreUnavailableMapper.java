package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.StoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The database cannot answer: 503 with Retry-After, never 500, so callers back off and retry
 * instead of treating an outage as a bug. Logged at most once every ten seconds per node, with the
 * cause's class only; an outage must not flood the log (readiness reports it too).
 */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

  /** Long enough not to hammer a recovering database, short enough for a brief failover. */
  static final long RETRY_AFTER_SECONDS = 5;

  private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class.getName());
  private static final long LOG_EVERY_MILLIS = 10_000;
  private static final AtomicLong lastLogged = new AtomicLong();

  @Override
  public Response toResponse(StoreUnavailableException e) {
    return response(e);
  }

  static Response response(StoreUnavailableException e) {
    long now = System.currentTimeMillis();
    long last = lastLogged.get();
    if (now - last >= LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
      LOG.warning(
          "API answers 503: the database cannot be reached ("
              + (e.getCause() == null ? "no cause" : e.getCause().getClass().getName())
              + ")");
    }
    return Problems.withRetryAfter(
        ProblemType.STORE_UNAVAILABLE,
        "Token Warden cannot reach its database right now and holds no fresh token in memory for"
            + " this request; retry after "
            + RETRY_AFTER_SECONDS
            + " seconds.",
        RETRY_AFTER_SECONDS);
  }
}
