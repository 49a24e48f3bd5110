package io.tokenwarden.emulator;

import java.util.List;

/**
 * What the configured faults do to one request: a delay before anything happens, and possibly a
 * response that replaces the real one. Evaluated before the request touches any state.
 */
public record FaultDecision(long delayMillis, FaultKind responseFault) {

  static final FaultDecision NONE = new FaultDecision(0, null);

  /** Latency rules add up; the first firing response fault wins. */
  static FaultDecision evaluate(
      List<FaultRule> rules, FaultScope scope, Long userId, long maxHangMillis) {
    long delay = 0;
    FaultKind fault = null;
    for (FaultRule rule : rules) {
      if (fault != null && rule.kind().replacesResponse()) {
        continue;
      }
      if (!rule.fires(scope, userId)) {
        continue;
      }
      if (rule.kind() == FaultKind.LATENCY) {
        delay += rule.delayMillis(maxHangMillis);
      } else {
        fault = rule.kind();
        if (fault == FaultKind.HANG) {
          delay += rule.delayMillis(maxHangMillis);
        }
      }
    }
    return delay == 0 && fault == null ? NONE : new FaultDecision(delay, fault);
  }

  public boolean isFault() {
    return responseFault != null;
  }
}
