package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTiming;
import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshTimingProducerTest {

  private final RefreshTimingProducer producer = new RefreshTimingProducer();

  /** A configured minimum lead and fraction reach the policy every use case schedules with. */
  @Test
  void configuredTimingReachesTheSchedulePolicy() {
    RefreshSettings settings = ConfigDefaults.of(RefreshSettings.class);
    settings.minLead = Duration.ofMinutes(20);
    settings.leadFraction = 0.1;

    RefreshTiming timing = producer.refreshTiming(settings);
    RefreshSchedulePolicy policy = producer.refreshSchedulePolicy(timing);

    assertThat(timing.minimumLead()).isEqualTo(Duration.ofMinutes(20));
    assertThat(timing.leadFraction()).isEqualTo(0.1);
    assertThat(policy.leadFor(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(20));
  }
}
