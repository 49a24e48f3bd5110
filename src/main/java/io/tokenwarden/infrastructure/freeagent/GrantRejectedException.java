package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * 400 invalid_grant: the code or refresh token is expired, used or revoked. No retry helps; a code
 * exchange must start again and a connection needs a reconnect link.
 */
public final class GrantRejectedException extends ProviderException {

  public GrantRejectedException(String message) {
    super(message, 400, "invalid_grant");
  }

  @Override
  public FailureKind kind() {
    return FailureKind.GRANT_LOST;
  }
}
