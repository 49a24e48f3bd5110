package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The protocol sends a refresh token only under a lease that outlasts the longest possible call, so
 * no other claim can take the row while the call is in flight.
 */
class RefreshProtocolLeaseTest {

  private final RefreshProtocol protocol = new RefreshProtocol();

  {
    protocol.labels = new TenantLabels();
  }

  RefreshProtocolLeaseTest() {
    protocol.oauth =
        new FreeAgentOAuthClient() {
          @Override
          public Duration refreshCallBound() {
            return Duration.ofSeconds(50);
          }
        };
  }

  /** A fresh two-minute lease leaves room for the call and the store. */
  @Test
  void freshLeaseIsEnough() {
    assertThat(protocol.leaseOutlastsTheCall(Duration.ofSeconds(119))).isTrue();
    assertThat(protocol.leaseOutlastsTheCall(Duration.ofSeconds(60))).isTrue();
  }

  /** A lease that ran down while the claim waited for a slot is not enough; none at all neither. */
  @Test
  void leaseThatRanDownIsNotEnough() {
    assertThat(protocol.leaseOutlastsTheCall(Duration.ofSeconds(59))).isFalse();
    assertThat(protocol.leaseOutlastsTheCall(Duration.ZERO)).isFalse();
    assertThat(protocol.leaseOutlastsTheCall(Duration.ofSeconds(-5))).isFalse();
    assertThat(protocol.leaseOutlastsTheCall(null)).isFalse();
  }
}
