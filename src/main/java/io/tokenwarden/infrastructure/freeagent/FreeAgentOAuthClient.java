package io.tokenwarden.infrastructure.freeagent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Both OAuth grants against FreeAgent's token endpoint, with the fault tolerance that belongs at
 * this boundary: a retry with jitter only where the provider certainly issued nothing (it answered
 * 5xx or could not be reached), a circuit breaker that stops hammering a failing provider, and a
 * bulkhead capping concurrent calls. A 429 is never retried here: the scheduler honours
 * Retry-After. Every policy is tunable through MicroProfile Config ({@code
 * io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient/refresh/Retry/maxRetries}).
 */
@ApplicationScoped
public class FreeAgentOAuthClient {

  @Inject FreeAgentSettings settings;

  @Inject FreeAgentTokenApi tokenApi;

  /** Exchanges an authorization code for the first token pair of a connection. */
  @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = ProviderUnavailableException.class)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 30_000,
      successThreshold = 2,
      failOn = {ProviderUnavailableException.class, ProviderOutcomeUnknownException.class})
  @Bulkhead(16)
  public TokenResponse exchangeCode(String code, String redirectUri) {
    Form form =
        new Form()
            .param("grant_type", "authorization_code")
            .param("code", code)
            .param("redirect_uri", redirectUri);
    return call(form);
  }

  /**
   * Trades a refresh token for a new pair. The caller must treat the refresh token as spent as soon
   * as this returns, whatever it returns.
   */
  @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = ProviderUnavailableException.class)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 30_000,
      successThreshold = 2,
      failOn = {ProviderUnavailableException.class, ProviderOutcomeUnknownException.class})
  @Bulkhead(16)
  public TokenResponse refresh(String refreshToken) {
    Form form =
        new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken);
    return call(form);
  }

  private TokenResponse call(Form form) {
    String body;
    try {
      body = tokenApi.token(settings.basicAuthorization(), settings.userAgent(), form);
    } catch (ProcessingException e) {
      throw TransportFailures.classify(e);
    }
    return TokenResponseParser.parse(body);
  }
}
