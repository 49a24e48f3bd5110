package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/** 401 from the API: the access token is expired, unknown or revoked. */
public final class AccessTokenRejectedException extends ProviderException {

  public AccessTokenRejectedException() {
    super("FreeAgent did not accept the access token (HTTP 401)", 401, "access_token_rejected");
  }

  @Override
  public FailureKind kind() {
    return FailureKind.GRANT_LOST;
  }
}
