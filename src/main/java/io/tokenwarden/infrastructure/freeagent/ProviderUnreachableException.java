package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * The request certainly never reached the provider (connection refused, unknown host, no route):
 * nothing was issued, so this is the one failure the same call may be retried on in place.
 */
public final class ProviderUnreachableException extends ProviderException {

  public ProviderUnreachableException(String message, String errorCode) {
    super(message, null, errorCode);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TRANSIENT;
  }
}
