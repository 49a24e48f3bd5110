package io.tokenwarden.application.refresh;

import static io.tokenwarden.application.refresh.TokenStore.announcedTrouble;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.ConnectionStatus;
import org.junit.jupiter.api.Test;

/**
 * When a connection counts as announced trouble: {@code connection.refresh_failing} is sent when a
 * failure moves it into that state, {@code connection.recovered} when a stored pair moves it out.
 */
class TroubleAnnouncementTest {

  private static final int THRESHOLD = 3;

  /** Failures below the threshold are not announced: no event on every failure. */
  @Test
  void failuresCountOnlyFromTheThreshold() {
    assertThat(announcedTrouble(ConnectionStatus.REFRESH_FAILING, 1, THRESHOLD)).isFalse();
    assertThat(announcedTrouble(ConnectionStatus.REFRESH_FAILING, 2, THRESHOLD)).isFalse();
    assertThat(announcedTrouble(ConnectionStatus.REFRESH_FAILING, 3, THRESHOLD)).isTrue();
    assertThat(announcedTrouble(ConnectionStatus.THROTTLED, 4, THRESHOLD)).isTrue();
  }

  /**
   * A single 429 (a throttled tenant, e.g. during a provider-wide pause) is no trouble of its own:
   * its recovery sends no per-tenant event.
   */
  @Test
  void aThrottledTenantBelowTheThresholdIsNoTrouble() {
    assertThat(announcedTrouble(ConnectionStatus.THROTTLED, 1, THRESHOLD)).isFalse();
  }

  @Test
  void needsReconnectIsAlwaysTroubleAndConnectedNever() {
    assertThat(announcedTrouble(ConnectionStatus.NEEDS_RECONNECT, 0, THRESHOLD)).isTrue();
    assertThat(announcedTrouble(ConnectionStatus.CONNECTED, 10, THRESHOLD)).isFalse();
  }
}
