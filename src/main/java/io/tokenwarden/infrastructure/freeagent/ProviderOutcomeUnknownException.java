package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * The request left, but Token Warden cannot tell what the provider did with it: no answer came back
 * (read timeout, connection reset), the answer was a 5xx (FreeAgent's own or a proxy's, which may
 * have lost the real answer after FreeAgent rotated), an error Token Warden does not understand, or
 * a 200 it cannot use. The provider may have rotated the refresh token or spent the code, so this
 * call is never retried in place: the scheduler decides what happens next, and the connection
 * remembers that a refresh token may have been issued that never arrived.
 */
public final class ProviderOutcomeUnknownException extends ProviderException {

  public ProviderOutcomeUnknownException(String message, Integer httpStatus, String errorCode) {
    super(message, httpStatus, errorCode);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TRANSIENT;
  }
}
