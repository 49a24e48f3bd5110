package io.tokenwarden.infrastructure.freeagent;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint is retried in place only when the request certainly never reached FreeAgent: a
 * refresh token or code sent again after FreeAgent may have spent it is the defect this guards.
 */
class TokenEndpointRetryTest {

  /** Both grants retry only on an unreachable provider; the breaker counts unknown outcomes too. */
  @Test
  void bothGrantsRetryOnlyWhenTheRequestNeverLeft() throws Exception {
    for (var method :
        List.of(
            FreeAgentOAuthClient.class.getMethod("refresh", String.class),
            FreeAgentOAuthClient.class.getMethod("exchangeCode", String.class, String.class))) {
      assertThat(method.getAnnotation(Retry.class).retryOn())
          .as(method.getName())
          .containsExactly(ProviderUnreachableException.class);
      assertThat(method.getAnnotation(CircuitBreaker.class).failOn())
          .as(method.getName())
          .containsExactlyInAnyOrder(
              ProviderUnreachableException.class, ProviderOutcomeUnknownException.class);
    }
  }

  /** Refused, unknown host, no route: unreachable, the one retryable kind. */
  @Test
  void connectionsThatNeverOpenedAreUnreachable() {
    for (Exception cause :
        List.of(
            new ConnectException("Connection refused"),
            new UnknownHostException("api.freeagent.com"),
            new NoRouteToHostException("no route"))) {
      ProviderException classified = TransportFailures.classify(new ProcessingException(cause));
      assertThat(classified).isInstanceOf(ProviderUnreachableException.class);
      assertThat(classified.errorCode()).isEqualTo("unreachable");
    }
  }

  /** A read timeout may follow a request FreeAgent processed: unknown outcome, not retried. */
  @Test
  void aLostAnswerIsAnUnknownOutcome() {
    ProviderException classified =
        TransportFailures.classify(
            new ProcessingException(new SocketTimeoutException("Read timed out")));

    assertThat(classified).isInstanceOf(ProviderOutcomeUnknownException.class);
    assertThat(classified.errorCode()).isEqualTo("no_answer");
  }
}
