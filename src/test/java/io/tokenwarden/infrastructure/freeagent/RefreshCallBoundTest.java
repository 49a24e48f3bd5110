package io.tokenwarden.infrastructure.freeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

/**
 * One refresh call is bounded: each attempt by a timeout, all of them by the retry's max duration,
 * and the bound the refresh protocol checks the lease against is computed from the same numbers.
 */
class RefreshCallBoundTest {

  /** Both grants carry a timeout and a retry max duration (MP FT's default would be 180 s). */
  @Test
  void everyAttemptAndTheRetriesAreBounded() throws Exception {
    for (String name : new String[] {"refresh", "exchangeCode"}) {
      Method method =
          name.equals("refresh")
              ? FreeAgentOAuthClient.class.getMethod(name, String.class)
              : FreeAgentOAuthClient.class.getMethod(name, String.class, String.class);
      Timeout timeout = method.getAnnotation(Timeout.class);
      Retry retry = method.getAnnotation(Retry.class);

      assertThat(timeout).as(name).isNotNull();
      assertThat(timeout.value()).as(name).isEqualTo(FreeAgentOAuthClient.ATTEMPT_TIMEOUT_MS);
      assertThat(retry.maxDuration())
          .as(name)
          .isEqualTo(FreeAgentOAuthClient.RETRY_MAX_DURATION_MS);
    }
  }

  /** An override of the attempt timeout moves the bound: the check follows the configuration. */
  @Test
  void boundFollowsOverrides() {
    FreeAgentOAuthClient client = new FreeAgentOAuthClient();
    client.config =
        (Config)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Config.class},
                (proxy, method, args) ->
                    ((String) args[0]).endsWith("/refresh/Timeout/value")
                        ? Optional.of(5_000L)
                        : Optional.empty());

    assertThat(client.refreshCallBound()).isEqualTo(Duration.ofMillis(3 * 5_000 + 2 * 450));
  }

  /** Without overrides the bound is the max duration plus one last attempt and its delay. */
  @Test
  void boundFollowsThePolicies() {
    FreeAgentOAuthClient client = new FreeAgentOAuthClient();
    client.config =
        (Config)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Config.class},
                (proxy, method, args) -> Optional.empty());

    Duration bound = client.refreshCallBound();

    assertThat(bound).isEqualTo(Duration.ofMillis(30_000 + 450 + 20_000));
    assertThat(bound).isLessThan(Duration.ofMinutes(1));
  }
}
