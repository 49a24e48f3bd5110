package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * The request left but no answer came back (read timeout, connection reset), or the answer was a
 * 200 Token Warden cannot use (malformed body). The provider may have rotated the refresh token, so
 * this call is never retried in place: the scheduler decides what happens next.
 */
public class ProviderOutcomeUnknownException extends ProviderException {

  public ProviderOutcomeUnknownException(String message, Integer httpStatus, String errorCode) {
    super(message, httpStatus, errorCode);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TRANSIENT;
  }
}
