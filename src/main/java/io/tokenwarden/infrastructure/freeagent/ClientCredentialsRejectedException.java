package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * 401 on the token endpoint: FreeAgent does not accept Token Warden's client id and secret. An
 * operator must fix the configuration; no tenant's connection is at fault.
 */
public final class ClientCredentialsRejectedException extends ProviderException {

  public ClientCredentialsRejectedException() {
    super(
        "FreeAgent rejected Token Warden's client credentials (HTTP 401); check"
            + " tokenwarden.freeagent.client-id and client-secret",
        401,
        "client_credentials_rejected");
  }

  @Override
  public FailureKind kind() {
    return FailureKind.CLIENT_CREDENTIALS;
  }
}
