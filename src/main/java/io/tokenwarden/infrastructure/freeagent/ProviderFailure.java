package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A failed FreeAgent call, classified once, here at the boundary that knows the provider and its
 * fault-tolerance policies. The refresh protocol and the connect flow both turn whatever a call
 * threw into one of these, so a failure has one code in the audit trail whichever path met it, and
 * nothing above this package names a MicroProfile Fault Tolerance exception.
 *
 * @param kind what Token Warden must do about it
 * @param code a short machine-readable code for the audit trail and the console (no secrets)
 * @param message a sentence for a person (never a token, code or secret)
 * @param httpStatus what the provider answered with, or null when no answer arrived
 * @param retryAfter the provider's Retry-After on a 429, else null
 * @param outcomeUnknown whether the request may have reached the provider and been processed
 *     although no usable answer came back (a 5xx, no answer, a malformed 200): a refresh token may
 *     have been rotated, or a code spent, without Token Warden learning the result
 */
public record ProviderFailure(
    FailureKind kind,
    String code,
    String message,
    Integer httpStatus,
    Duration retryAfter,
    boolean outcomeUnknown) {

  /** The code of a failure nobody foresaw: a bug or an unknown library exception. */
  public static final String UNEXPECTED = "unexpected";

  /** The code of an invalid_grant that follows a refresh whose answer was lost. */
  public static final String ANSWER_LOST = "answer_lost";

  /** A failure whose outcome is known: the provider certainly did not act on the request. */
  public ProviderFailure(
      FailureKind kind, String code, String message, Integer httpStatus, Duration retryAfter) {
    this(kind, code, message, httpStatus, retryAfter, false);
  }

  /** Classifies anything a FreeAgent client call threw. */
  public static ProviderFailure of(RuntimeException thrown) {
    if (thrown instanceof ProviderException e) {
      Duration retryAfter = e instanceof ProviderThrottledException t ? t.retryAfter() : null;
      return new ProviderFailure(
          e.kind(),
          e.errorCode(),
          e.getMessage(),
          e.httpStatus(),
          retryAfter,
          e instanceof ProviderOutcomeUnknownException);
    }
    if (thrown instanceof CircuitBreakerOpenException) {
      return localRefusal(
          "circuit_open",
          "Not sent: this node's circuit breaker holds FreeAgent calls back for a while after"
              + " repeated failures.");
    }
    if (thrown instanceof BulkheadException) {
      return localRefusal(
          "bulkhead_full", "Not sent: too many FreeAgent calls are running on this node at once.");
    }
    if (thrown instanceof TimeoutException) {
      return new ProviderFailure(
          FailureKind.TRANSIENT, "timeout", "FreeAgent did not answer in time.", null, null, true);
    }
    if (thrown instanceof FaultToleranceException) {
      return transientFailure(
          "fault_tolerance",
          "The call was refused locally (" + thrown.getClass().getSimpleName() + ").");
    }
    return transientFailure(
        UNEXPECTED,
        "Unexpected error calling FreeAgent (" + thrown.getClass().getSimpleName() + ").");
  }

  /**
   * This invalid_grant, told apart as what it is when an earlier refresh's outcome was unknown:
   * FreeAgent rotated then, the refresh token it issued never arrived, and the one Token Warden
   * holds is spent. The user revoked nothing; a reconnect link is still the only way back.
   */
  public ProviderFailure afterLostAnswer() {
    if (kind != FailureKind.GRANT_LOST) {
      return this;
    }
    return new ProviderFailure(
        FailureKind.GRANT_LOST,
        ANSWER_LOST,
        "FreeAgent's answer to an earlier refresh was lost; the refresh token it issued never"
            + " arrived. Send a reconnect link.",
        httpStatus,
        null,
        false);
  }

  /** Whether nobody foresaw this failure (worth a stack trace in the log). */
  public boolean isUnexpected() {
    return UNEXPECTED.equals(code);
  }

  /** Token Warden itself held the call back: FreeAgent was never called. */
  private static ProviderFailure localRefusal(String code, String message) {
    return new ProviderFailure(FailureKind.LOCAL_REFUSAL, code, message, null, null);
  }

  private static ProviderFailure transientFailure(String code, String message) {
    return new ProviderFailure(FailureKind.TRANSIENT, code, message, null, null);
  }
}
