package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.ConnectionStatus;
import java.time.Instant;

/**
 * What a refresh request ended with: the connection's status afterwards, whether a new token pair
 * was stored (by this call or by the refresh it waited for), and a sentence for a person. {@code
 * notBefore} is set when the refresh was held back (backoff, throttle, pause, open circuit): no
 * refresh starts for this tenant before then.
 */
public record RefreshResult(
    ConnectionStatus status, boolean refreshed, String message, Instant notBefore) {

  public RefreshResult(ConnectionStatus status, boolean refreshed, String message) {
    this(status, refreshed, message, null);
  }
}
