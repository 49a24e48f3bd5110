package io.tokenwarden.infrastructure.freeagent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Both OAuth grants against FreeAgent's token endpoint, with the fault tolerance that belongs at
 * this boundary: a retry with jitter only where the request certainly never reached the provider
 * ({@link ProviderUnreachableException}), a circuit breaker that stops hammering a failing provider
 * (it counts unknown outcomes too), and a bulkhead capping concurrent calls. A 5xx, a lost answer
 * or a 429 is never retried here: a refresh token or code sent again after FreeAgent may have spent
 * it is the one thing this client must not do, and the scheduler honours Retry-After. Every policy
 * is tunable through MicroProfile Config ({@code
 * io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient/refresh/Retry/maxRetries}).
 *
 * <p>Every attempt is bounded by {@code @Timeout} and all attempts together by the retry's {@code
 * maxDuration}, so {@link #refreshCallBound()} is a hard upper limit of one refresh call: the lease
 * a refresh runs under must outlast it, or another node could claim the row and send the same
 * refresh token while this call is still in flight.
 */
@ApplicationScoped
public class FreeAgentOAuthClient {

  /**
   * One attempt's limit (above the REST client's read timeout, so that one normally fires first).
   */
  static final long ATTEMPT_TIMEOUT_MS = 20_000;

  /** Retries of a request that never reached FreeAgent. */
  static final int MAX_RETRIES = 2;

  /** No retry starts after this long; the attempt under way may still take its timeout. */
  static final long RETRY_MAX_DURATION_MS = 30_000;

  static final long RETRY_DELAY_MS = 250;

  static final long RETRY_JITTER_MS = 200;

  private static final String REFRESH_POLICY = FreeAgentOAuthClient.class.getName() + "/refresh/";

  @Inject FreeAgentSettings settings;

  @Inject FreeAgentTokenApi tokenApi;

  @Inject Config config;

  /** Exchanges an authorization code for the first token pair of a connection. */
  @Retry(
      maxRetries = MAX_RETRIES,
      delay = RETRY_DELAY_MS,
      jitter = RETRY_JITTER_MS,
      maxDuration = RETRY_MAX_DURATION_MS,
      retryOn = ProviderUnreachableException.class)
  @Timeout(ATTEMPT_TIMEOUT_MS)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 30_000,
      successThreshold = 2,
      failOn = {ProviderUnreachableException.class, ProviderOutcomeUnknownException.class})
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
  @Retry(
      maxRetries = MAX_RETRIES,
      delay = RETRY_DELAY_MS,
      jitter = RETRY_JITTER_MS,
      maxDuration = RETRY_MAX_DURATION_MS,
      retryOn = ProviderUnreachableException.class)
  @Timeout(ATTEMPT_TIMEOUT_MS)
  @CircuitBreaker(
      requestVolumeThreshold = 20,
      failureRatio = 0.5,
      delay = 30_000,
      successThreshold = 2,
      failOn = {ProviderUnreachableException.class, ProviderOutcomeUnknownException.class})
  @Bulkhead(16)
  public TokenResponse refresh(String refreshToken) {
    Form form =
        new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken);
    return call(form);
  }

  /**
   * The longest one {@link #refresh} call can take, all attempts included, with the policies as
   * configured (MicroProfile Config overrides of the annotations count): no retry starts after the
   * retry's max duration, and the attempt under way then ends within its timeout plus the delay
   * before it.
   */
  public Duration refreshCallBound() {
    long timeout = policy("Timeout/value", ATTEMPT_TIMEOUT_MS);
    long maxDuration = policy("Retry/maxDuration", RETRY_MAX_DURATION_MS);
    long retries = policy("Retry/maxRetries", MAX_RETRIES);
    long delay = policy("Retry/delay", RETRY_DELAY_MS) + policy("Retry/jitter", RETRY_JITTER_MS);
    long attempts = (retries + 1) * timeout + retries * delay;
    return Duration.ofMillis(Math.min(attempts, maxDuration + delay + timeout));
  }

  private long policy(String key, long annotated) {
    return config.getOptionalValue(REFRESH_POLICY + key, Long.class).orElse(annotated);
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
