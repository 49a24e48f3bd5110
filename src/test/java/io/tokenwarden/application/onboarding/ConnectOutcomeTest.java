package io.tokenwarden.application.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.LinkState;
import io.tokenwarden.infrastructure.freeagent.AccessTokenRejectedException;
import io.tokenwarden.infrastructure.freeagent.ClientCredentialsRejectedException;
import io.tokenwarden.infrastructure.freeagent.GrantRejectedException;
import io.tokenwarden.infrastructure.freeagent.ProviderOutcomeUnknownException;
import io.tokenwarden.infrastructure.freeagent.ProviderThrottledException;
import io.tokenwarden.infrastructure.freeagent.ProviderUnavailableException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * Which page a failed code exchange leads to. Wrong client credentials cannot be provoked against
 * the running emulator (its registered secret is fixed at start), so this mapping is proven here.
 */
class ConnectOutcomeTest {

  /** invalid_grant on a code means it expired or was used: "start again", link still valid. */
  @Test
  void refusedCodeMeansStartAgain() {
    assertThat(ConnectOutcome.forProviderFailure(new GrantRejectedException("code refused")))
        .isEqualTo(ConnectOutcome.CODE_REJECTED);
  }

  /** A 401 at the token endpoint is the operator's problem: neutral page, alarm in the log. */
  @Test
  void rejectedClientCredentialsAreOurProblem() {
    ClientCredentialsRejectedException rejected = new ClientCredentialsRejectedException();

    assertThat(ConnectOutcome.forProviderFailure(rejected))
        .isEqualTo(ConnectOutcome.SERVICE_MISCONFIGURED);
    assertThat(ConnectOutcome.codeOf(rejected)).isEqualTo("client_credentials_rejected");
  }

  /** Down, throttled, nonsense, open circuit, full bulkhead: "FreeAgent is not answering". */
  @Test
  void everyTransientFailureMeansTryAgainLater() {
    assertThat(
            ConnectOutcome.forProviderFailure(
                new ProviderUnavailableException("503", 503, "http_503")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(
            ConnectOutcome.forProviderFailure(
                new ProviderOutcomeUnknownException("html", 200, "malformed_response")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(
            ConnectOutcome.forProviderFailure(
                new ProviderThrottledException(Duration.ofSeconds(60))))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(ConnectOutcome.forProviderFailure(new CircuitBreakerOpenException("open")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(ConnectOutcome.forProviderFailure(new BulkheadException("full")))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(ConnectOutcome.forProviderFailure(new AccessTokenRejectedException()))
        .isEqualTo(ConnectOutcome.PROVIDER_UNAVAILABLE);
    assertThat(ConnectOutcome.codeOf(new CircuitBreakerOpenException("open")))
        .isEqualTo("circuit_open");
    assertThat(ConnectOutcome.codeOf(new BulkheadException("full"))).isEqualTo("bulkhead_full");
    assertThat(ConnectOutcome.codeOf(new IllegalStateException("x"))).isEqualTo("unexpected_error");
  }

  /** Each unusable link state has its own page. */
  @Test
  void linkStatesMapToTheirPages() {
    assertThat(ConnectOutcome.forLink(LinkState.EXPIRED)).isEqualTo(ConnectOutcome.LINK_EXPIRED);
    assertThat(ConnectOutcome.forLink(LinkState.REVOKED)).isEqualTo(ConnectOutcome.LINK_REVOKED);
    assertThat(ConnectOutcome.forLink(LinkState.USED)).isEqualTo(ConnectOutcome.LINK_USED);
  }
}
