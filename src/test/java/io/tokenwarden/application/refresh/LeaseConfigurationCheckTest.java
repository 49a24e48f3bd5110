package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node starts only with a lease that outlasts twice the longest token-endpoint call. */
class LeaseConfigurationCheckTest {

  /** The defaults (2 min lease, about 50 s worst call) fit. */
  @Test
  void defaultsFit() {
    assertThat(
            LeaseConfigurationCheck.problemWith(Duration.ofMinutes(2), Duration.ofMillis(50_450)))
        .isNull();
  }

  /** A lease that the call could outlive is refused with the keys to change. */
  @Test
  void shortLeaseIsRefused() {
    String problem =
        LeaseConfigurationCheck.problemWith(Duration.ofSeconds(60), Duration.ofSeconds(50));

    assertThat(problem)
        .contains("tokenwarden.refresh.lease")
        .contains("PT1M50S")
        .contains("FreeAgentOAuthClient/refresh");
  }

  /** The default dead-after (90 s) holds the worst call (about 50 s), its margin and two ticks. */
  @Test
  void defaultDeadAfterFits() {
    NodeSettings node = ConfigDefaults.of(NodeSettings.class);

    assertThat(
            LeaseConfigurationCheck.deadAfterProblem(
                node.deadAfter(), Duration.ofMillis(50_450), Duration.ofSeconds(5)))
        .isNull();
  }

  /** A dead-after a call could outlive would let others send while it runs: refused. */
  @Test
  void shortDeadAfterIsRefused() {
    String problem =
        LeaseConfigurationCheck.deadAfterProblem(
            Duration.ofSeconds(30), Duration.ofSeconds(50), Duration.ofSeconds(5));

    assertThat(problem)
        .contains("tokenwarden.node.dead-after")
        .contains("PT1M10S")
        .contains("FreeAgentOAuthClient/refresh");
  }
}
