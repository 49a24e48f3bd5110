package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * The provider answered with an error (5xx, an HTML page from a proxy) or could not be reached: it
 * issued no tokens, so the same call may be retried.
 */
public class ProviderUnavailableException extends ProviderException {

  public ProviderUnavailableException(String message, Integer httpStatus, String errorCode) {
    super(message, httpStatus, errorCode);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TRANSIENT;
  }
}
