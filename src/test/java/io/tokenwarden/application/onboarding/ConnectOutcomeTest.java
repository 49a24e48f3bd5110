package io.tokenwarden.application.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.domain.CallbackVerdict;
import io.tokenwarden.domain.LinkState;
import io.tokenwarden.infrastructure.freeagent.AccessTokenRejectedException;
import io.tokenwarden.infrastructure.freeagent.ClientCredentialsRejectedException;
import io.tokenwarden.infrastructure.freeagent.GrantRejectedException;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import io.tokenwarden.infrastructure.freeagent.ProviderOutcomeUnknownException;
import io.tokenwarden.infrastructure.freeagent.ProviderThrottledException;
import io.tokenwarden.infrastructure.freeagent.ProviderUnreachableException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * Which page a failed connect leads to. Wrong client credentials cannot be provoked against the
 * running emulator (its registered secret is fixed at start), so this mapping is proven here.
 */
class ConnectOutcomeTest {

  /** invalid_grant on a code means it expired or was used: "start again", link still valid. */
  @Test
  void refusedCodeMeansStartAgain() {
    assertThat(outcomeAtExchange(new GrantRejectedException("code refused")))
        .isEqualTo(ConnectOutcome.CODE_REJECTED);
  }

  /** A 401 at the token endpoint is the operator's problem: neutral page, alarm in the log. */
  @Test
  void rejectedClientCredentialsAreOurProblem() {
    assertThat(outcomeAtExchange(new ClientCredentialsRejectedException()))
        .isEqualTo(ConnectOutcome.SERVICE_MISCONFIGURED);
  }

  /** FreeAgent refusing the access token it just issued is FreeAgent misbehaving, not the code. */
  @Test
  void rejectedAccessTokenAtCompanyLookupMeansProviderUnavailable() {
    ProviderFailure failure = ProviderFailure.of(new AccessTokenRejectedException());

    assertThat(ConnectOutcome.forProviderFailure(failure, false))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
  }

  /** Down, throttled, nonsense, open circuit, full bulkhead: "FreeAgent is not answering". */
  @Test
  void everyTransientFailureMeansTryAgainLater() {
    assertThat(outcomeAtExchange(new ProviderUnreachableException("refused", "unreachable")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(
            outcomeAtExchange(
                new ProviderOutcomeUnknownException("html", 200, "malformed_response")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(outcomeAtExchange(new ProviderOutcomeUnknownException("503", 503, "http_503")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(outcomeAtExchange(new ProviderThrottledException(Duration.ofSeconds(60))))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(outcomeAtExchange(new CircuitBreakerOpenException("open")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(outcomeAtExchange(new BulkheadException("full")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(outcomeAtExchange(new IllegalStateException("bug")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
  }

  /** Each unusable link state has its own page. */
  @Test
  void linkStatesMapToTheirPages() {
    assertThat(ConnectOutcome.forLink(LinkState.EXPIRED)).isEqualTo(ConnectOutcome.LINK_EXPIRED);
    assertThat(ConnectOutcome.forLink(LinkState.REVOKED)).isEqualTo(ConnectOutcome.LINK_REVOKED);
    assertThat(ConnectOutcome.forLink(LinkState.USED)).isEqualTo(ConnectOutcome.LINK_USED);
    assertThatThrownBy(() -> ConnectOutcome.forLink(LinkState.USABLE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Every refused callback has a page; a callback without a code reads as a provider error. */
  @Test
  void refusedCallbacksMapToTheirPages() {
    assertThat(ConnectOutcome.forCallback(CallbackVerdict.INVALID))
        .isEqualTo(ConnectOutcome.ATTEMPT_INVALID);
    assertThat(ConnectOutcome.forCallback(CallbackVerdict.ATTEMPT_EXPIRED))
        .isEqualTo(ConnectOutcome.ATTEMPT_EXPIRED);
    assertThat(ConnectOutcome.forCallback(CallbackVerdict.DECLINED))
        .isEqualTo(ConnectOutcome.DECLINED);
    assertThat(ConnectOutcome.forCallback(CallbackVerdict.PROVIDER_ERROR))
        .isEqualTo(ConnectOutcome.PROVIDER_ERROR);
    assertThat(ConnectOutcome.forCallback(CallbackVerdict.NO_CODE))
        .isEqualTo(ConnectOutcome.PROVIDER_ERROR);
    assertThatThrownBy(() -> ConnectOutcome.forCallback(CallbackVerdict.ACCEPTED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ConnectOutcome outcomeAtExchange(RuntimeException thrown) {
    return ConnectOutcome.forProviderFailure(ProviderFailure.of(thrown), true);
  }

  /** A reload shows what the attempt ended with the first time: its stored code maps back. */
  @Test
  void finishedAttemptOutcomesMapBackToTheirPages() {
    assertThat(ConnectOutcome.forAttemptOutcome("connected")).isEqualTo(ConnectOutcome.CONNECTED);
    assertThat(ConnectOutcome.forAttemptOutcome("access_denied"))
        .isEqualTo(ConnectOutcome.DECLINED);
    assertThat(ConnectOutcome.forAttemptOutcome("link_used")).isEqualTo(ConnectOutcome.LINK_USED);
    assertThat(ConnectOutcome.forAttemptOutcome("invalid_grant"))
        .isEqualTo(ConnectOutcome.CODE_REJECTED);
    assertThat(ConnectOutcome.forAttemptOutcome("http_503"))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
  }
}
