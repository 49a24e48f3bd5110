package io.tokenwarden.infrastructure.freeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.FailureKind;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * One classification of every failure a FreeAgent call can end in, shared by refreshing and
 * connecting, so the audit trail names each failure one way.
 */
class ProviderFailureTest {

  /** A provider exception keeps its own kind, code, status and message. */
  @Test
  void providerExceptionsKeepTheirClassification() {
    ProviderFailure grant = ProviderFailure.of(new GrantRejectedException("refused"));
    assertThat(grant.kind()).isEqualTo(FailureKind.GRANT_LOST);
    assertThat(grant.code()).isEqualTo("invalid_grant");
    assertThat(grant.httpStatus()).isEqualTo(400);
    assertThat(grant.message()).isEqualTo("refused");
    assertThat(grant.retryAfter()).isNull();

    ProviderFailure credentials = ProviderFailure.of(new ClientCredentialsRejectedException());
    assertThat(credentials.kind()).isEqualTo(FailureKind.CLIENT_CREDENTIALS);
    assertThat(credentials.code()).isEqualTo("client_credentials_rejected");

    ProviderFailure down =
        ProviderFailure.of(new ProviderOutcomeUnknownException("503", 503, "http_503"));
    assertThat(down.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(down.code()).isEqualTo("http_503");
    assertThat(down.isUnexpected()).isFalse();
  }

  /**
   * A 5xx, no answer or an unusable 200 may have been processed (FreeAgent may have rotated); a
   * refused connection, a 429 or a local refusal certainly was not.
   */
  @Test
  void onlyFailuresAfterTheRequestMayHaveArrivedHaveAnUnknownOutcome() {
    assertThat(ProviderFailure.of(new ProviderOutcomeUnknownException("502", 502, "http_502")))
        .extracting(ProviderFailure::kind, ProviderFailure::outcomeUnknown)
        .containsExactly(FailureKind.TRANSIENT, true);
    assertThat(
            ProviderFailure.of(new ProviderOutcomeUnknownException("none", null, "no_answer"))
                .outcomeUnknown())
        .isTrue();
    assertThat(ProviderFailure.of(new TimeoutException("slow")).outcomeUnknown()).isTrue();

    assertThat(ProviderFailure.of(new ProviderUnreachableException("refused", "unreachable")))
        .extracting(ProviderFailure::kind, ProviderFailure::code, ProviderFailure::outcomeUnknown)
        .containsExactly(FailureKind.TRANSIENT, "unreachable", false);
    assertThat(
            ProviderFailure.of(new ProviderThrottledException(Duration.ofSeconds(60)))
                .outcomeUnknown())
        .isFalse();
    assertThat(ProviderFailure.of(new GrantRejectedException("gone")).outcomeUnknown()).isFalse();
    assertThat(ProviderFailure.of(new CircuitBreakerOpenException("open")).outcomeUnknown())
        .isFalse();
  }

  /**
   * invalid_grant after an unknown outcome is the lost answer, said as such; any other failure
   * stays what it was.
   */
  @Test
  void invalidGrantAfterALostAnswerSaysSo() {
    ProviderFailure lost =
        ProviderFailure.of(new GrantRejectedException("FreeAgent answered invalid_grant"))
            .afterLostAnswer();

    assertThat(lost.kind()).isEqualTo(FailureKind.GRANT_LOST);
    assertThat(lost.code()).isEqualTo("answer_lost");
    assertThat(lost.httpStatus()).isEqualTo(400);
    assertThat(lost.message())
        .contains("answer to an earlier refresh was lost")
        .contains("Send a reconnect link");
    ProviderFailure down =
        ProviderFailure.of(new ProviderOutcomeUnknownException("503", 503, "http_503"));
    assertThat(down.afterLostAnswer()).isEqualTo(down);
  }

  /** A 429 carries its Retry-After to the scheduler. */
  @Test
  void throttlingCarriesRetryAfter() {
    ProviderFailure throttled =
        ProviderFailure.of(new ProviderThrottledException(Duration.ofSeconds(42)));

    assertThat(throttled.kind()).isEqualTo(FailureKind.THROTTLED);
    assertThat(throttled.code()).isEqualTo("rate_limited");
    assertThat(throttled.httpStatus()).isEqualTo(429);
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(42));
  }

  /**
   * An open circuit or a full bulkhead is a local refusal (FreeAgent was never called, and the
   * message does not say it failed); other fault-tolerance failures are transient. Each has its own
   * code and no HTTP status.
   */
  @Test
  void faultToleranceRefusalsAreLocalOrTransient() {
    assertThat(ProviderFailure.of(new CircuitBreakerOpenException("open")))
        .extracting(ProviderFailure::kind, ProviderFailure::code, ProviderFailure::httpStatus)
        .containsExactly(FailureKind.LOCAL_REFUSAL, "circuit_open", null);
    assertThat(ProviderFailure.of(new BulkheadException("full")))
        .extracting(ProviderFailure::kind, ProviderFailure::code)
        .containsExactly(FailureKind.LOCAL_REFUSAL, "bulkhead_full");
    assertThat(ProviderFailure.of(new CircuitBreakerOpenException("open")).message())
        .startsWith("Not sent");
    assertThat(ProviderFailure.of(new TimeoutException("slow")))
        .extracting(ProviderFailure::kind, ProviderFailure::code)
        .containsExactly(FailureKind.TRANSIENT, "timeout");
    assertThat(ProviderFailure.of(new FaultToleranceDefinitionException("bad")).code())
        .isEqualTo("fault_tolerance");
  }

  /** Anything else is an unexpected transient failure whose message names only the class. */
  @Test
  void unknownExceptionsAreUnexpectedAndQuoteNothing() {
    ProviderFailure failure =
        ProviderFailure.of(new IllegalStateException("refresh_token=secret-value"));

    assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(failure.code()).isEqualTo(ProviderFailure.UNEXPECTED);
    assertThat(failure.isUnexpected()).isTrue();
    assertThat(failure.message()).contains("IllegalStateException").doesNotContain("secret-value");
  }
}
