package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.TenantLabels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pair this node holds in its journal is the tenant's only usable one, so while the database
 * answers the node's heartbeat the tick keeps that row's lease (docs/DESIGN.md §5.2): otherwise
 * another node would take the row once the lease ran out and send the spent refresh token.
 */
class RefreshDispatcherParkedLeaseTest {

  private final RefreshDispatcher dispatcher = new RefreshDispatcher();
  private final List<String> steps = new ArrayList<>();
  private volatile boolean heartbeatFails;

  @BeforeEach
  void wire() {
    dispatcher.labels = new TenantLabels();
    QuietNode.wire(dispatcher);
    dispatcher.protocol =
        new RefreshProtocol() {
          @Override
          public void retryParked() {
            steps.add("retry parked");
          }
        };
    dispatcher.registry =
        new NodeRegistry() {
          @Override
          public void heartbeat() {
            if (heartbeatFails) {
              throw new IllegalStateException("database unreachable");
            }
            steps.add("heartbeat");
          }

          @Override
          public boolean mayClaim() {
            return true;
          }
        };
    dispatcher.leases =
        new ConnectionLeases() {
          @Override
          public int holdParked() {
            steps.add("hold parked");
            return 1;
          }

          @Override
          public List<ClaimedConnection> claimDue(int limit) {
            steps.add("claim");
            return List.of();
          }
        };
    dispatcher.init();
  }

  @AfterEach
  void stop() {
    dispatcher.stop();
  }

  @Test
  void aTickKeepsTheParkedPairsLeasesAfterItsHeartbeatAndBeforeItClaims() {
    dispatcher.tick();

    assertThat(steps).containsExactly("retry parked", "heartbeat", "hold parked", "claim");
  }

  /** Without a heartbeat others may already count this node dead: it neither renews nor claims. */
  @Test
  void aTickWhoseHeartbeatFailsRenewsNothing() {
    heartbeatFails = true;

    dispatcher.tick();

    assertThat(steps).containsExactly("retry parked");
  }

  /** A failed renewal is retried at the next tick; the claims of this one go on. */
  @Test
  void aFailedRenewalDoesNotStopTheTicksClaims() {
    dispatcher.leases =
        new ConnectionLeases() {
          @Override
          public int holdParked() {
            throw new IllegalStateException("statement timeout");
          }

          @Override
          public List<ClaimedConnection> claimDue(int limit) {
            steps.add("claim");
            return List.of();
          }
        };

    dispatcher.tick();

    assertThat(steps).containsExactly("retry parked", "heartbeat", "claim");
  }
}
