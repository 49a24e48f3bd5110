package io.tokenwarden.application.onboarding;

import io.tokenwarden.domain.LinkState;
import io.tokenwarden.infrastructure.freeagent.ClientCredentialsRejectedException;
import io.tokenwarden.infrastructure.freeagent.GrantRejectedException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * How opening a link or finishing a connection ended, as the tenant's page tells it. Every outcome
 * but {@link #CONNECTED} left the stored connection and the link as they were.
 */
public enum ConnectOutcome {
  /** The tokens and the company are stored; the link is spent. */
  CONNECTED,
  /** No link has this token. */
  LINK_UNKNOWN,
  LINK_EXPIRED,
  LINK_REVOKED,
  /** The link already connected the tenant once. */
  LINK_USED,
  /** The tenant pressed Deny at FreeAgent ({@code error=access_denied}); the link still works. */
  DECLINED,
  /** The code was refused ({@code invalid_grant}): it expired or was used; the link still works. */
  CODE_REJECTED,
  /** The callback came after the attempt's lifetime (the code's 15 minutes). */
  ATTEMPT_EXPIRED,
  /** Unknown, replayed, or another browser's {@code state}: nothing is said about which. */
  ATTEMPT_INVALID,
  /** FreeAgent did not answer, answered 5xx, nonsense, 429, or the circuit is open. */
  PROVIDER_UNAVAILABLE,
  /** FreeAgent came back with an error other than access_denied, or without a code. */
  PROVIDER_ERROR,
  /**
   * FreeAgent rejected Token Warden's own client credentials: the operator's problem, so the tenant
   * gets a neutral message and the log an alarm.
   */
  SERVICE_MISCONFIGURED;

  /** The outcome for a link that is not usable. */
  public static ConnectOutcome forLink(LinkState state) {
    return switch (state) {
      case USABLE -> throw new IllegalArgumentException("a usable link is not a refusal");
      case EXPIRED -> LINK_EXPIRED;
      case REVOKED -> LINK_REVOKED;
      case USED -> LINK_USED;
    };
  }

  /**
   * The outcome for a failed code exchange or company lookup. Anything the provider boundary throws
   * that is not a refused code or refused credentials means "FreeAgent is not answering properly".
   */
  public static ConnectOutcome forProviderFailure(RuntimeException failure) {
    if (failure instanceof GrantRejectedException) {
      return CODE_REJECTED;
    }
    if (failure instanceof ClientCredentialsRejectedException) {
      return SERVICE_MISCONFIGURED;
    }
    return PROVIDER_UNAVAILABLE;
  }

  /** A short code for the attempt's outcome column and the audit trail (no secrets). */
  public static String codeOf(RuntimeException failure) {
    if (failure instanceof io.tokenwarden.infrastructure.freeagent.ProviderException provider) {
      return provider.errorCode();
    }
    if (failure
        instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
      return "circuit_open";
    }
    if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
      return "bulkhead_full";
    }
    if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
      return "timeout";
    }
    if (failure instanceof FaultToleranceException) {
      return "fault_tolerance";
    }
    return "unexpected_error";
  }
}
