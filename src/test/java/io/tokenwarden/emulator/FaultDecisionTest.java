package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultDecisionTest {

  private static FaultRule rule(FaultKind kind, FaultScope scope, Long userId, Integer times) {
    return new FaultRule(kind, scope, 1.0, userId, 0, 0, times);
  }

  /** A rule fires only where it is scoped and for whom it is targeted. */
  @Test
  void scopeAndUserTargeting() {
    List<FaultRule> rules = List.of(rule(FaultKind.HTTP_503, FaultScope.API, 2L, null));

    assertThat(FaultDecision.evaluate(rules, FaultScope.TOKEN_ENDPOINT, 2L, 0).isFault()).isFalse();
    assertThat(FaultDecision.evaluate(rules, FaultScope.API, 1L, 0).isFault()).isFalse();
    assertThat(FaultDecision.evaluate(rules, FaultScope.API, 2L, 0).responseFault())
        .isEqualTo(FaultKind.HTTP_503);
  }

  /** "times" limits a rule to the next N matching requests. */
  @Test
  void timesCountsDown() {
    List<FaultRule> rules = List.of(rule(FaultKind.HTTP_500, FaultScope.ANY, null, 2));

    assertThat(FaultDecision.evaluate(rules, FaultScope.API, 1L, 0).isFault()).isTrue();
    assertThat(FaultDecision.evaluate(rules, FaultScope.API, null, 0).isFault()).isTrue();
    assertThat(FaultDecision.evaluate(rules, FaultScope.API, 1L, 0)).isEqualTo(FaultDecision.NONE);
  }

  /** Probability 0 never fires. */
  @Test
  void probabilityZeroNeverFires() {
    FaultRule never = new FaultRule(FaultKind.HTTP_500, FaultScope.ANY, 0.0, null, 0, 0, null);
    for (int i = 0; i < 1000; i++) {
      assertThat(FaultDecision.evaluate(List.of(never), FaultScope.API, 1L, 0).isFault()).isFalse();
    }
  }

  /** Latency adds a delay within its range; a hang is capped at the configured maximum. */
  @Test
  void latencyAndHangDelays() {
    FaultRule latency = new FaultRule(FaultKind.LATENCY, FaultScope.ANY, 1.0, null, 100, 200, null);
    FaultRule hang = new FaultRule(FaultKind.HANG, FaultScope.ANY, 1.0, null, 0, 600_000, null);

    FaultDecision slow = FaultDecision.evaluate(List.of(latency), FaultScope.API, 1L, 60_000);
    FaultDecision hung = FaultDecision.evaluate(List.of(hang), FaultScope.API, 1L, 60_000);

    assertThat(slow.delayMillis()).isBetween(100L, 200L);
    assertThat(slow.isFault()).isFalse();
    assertThat(hung.delayMillis()).isBetween(0L, 60_000L);
    assertThat(hung.responseFault()).isEqualTo(FaultKind.HANG);
  }

  /** Losing a response after rotation only makes sense at the token endpoint. */
  @Test
  void lostAfterRotationIsTokenEndpointOnly() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new FaultRule(
                    FaultKind.LOST_AFTER_ROTATION, FaultScope.ANY, 1.0, null, 0, 0, null));
  }
}
