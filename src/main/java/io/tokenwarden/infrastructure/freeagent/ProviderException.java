package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;

/**
 * A FreeAgent call that did not yield a usable answer, classified by what Token Warden must do
 * about it. Messages describe the failure and never contain a token, code or secret.
 */
public abstract sealed class ProviderException extends RuntimeException
    permits AccessTokenRejectedException,
        ClientCredentialsRejectedException,
        GrantRejectedException,
        ProviderOutcomeUnknownException,
        ProviderThrottledException,
        ProviderUnreachableException {

  private final Integer httpStatus;
  private final String errorCode;

  protected ProviderException(String message, Integer httpStatus, String errorCode) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public abstract FailureKind kind();

  /** The HTTP status the provider answered with, or null when no answer arrived. */
  public Integer httpStatus() {
    return httpStatus;
  }

  /** A short machine-readable code for the audit trail and the console (no secrets). */
  public String errorCode() {
    return errorCode;
  }
}
