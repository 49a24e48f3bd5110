package io.tokenwarden.infrastructure.freeagent;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Classifies a call that got no HTTP answer. A refused or unroutable connection never reached
 * FreeAgent, so it may be retried; anything else (timeouts, resets) may have been processed. This
 * is the only place a {@link ProviderUnreachableException} is made.
 */
final class TransportFailures {

  private TransportFailures() {}

  static ProviderException classify(ProcessingException e) {
    if (e.getCause() instanceof ProviderException provider) {
      return provider;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException) {
        return new ProviderUnreachableException(
            "FreeAgent could not be reached (" + cause.getClass().getSimpleName() + ")",
            "unreachable");
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new ProviderOutcomeUnknownException(
        "No answer from FreeAgent (" + root.getClass().getSimpleName() + ")", null, "no_answer");
  }
}
