package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.ConnectionStatus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim's SQL status list is the enum's own rule, not a copy that can drift from it, and no
 * claim takes a tenant whose received pair waits on this node.
 */
class ConnectionLeasesTest {

  @TempDir Path journalDir;

  /** No pending pair: no extra condition (an empty IN list is invalid SQL). */
  @Test
  void noPendingPairAddsNoCondition() {
    assertThat(ConnectionLeases.excludingPending(Set.of())).isEmpty();
  }

  /** Pending pairs leave their tenants out of the scheduler's claim. */
  @Test
  void pendingPairsLeaveTheirTenantsOutOfTheClaim() {
    assertThat(ConnectionLeases.excludingPending(Set.of(UUID.randomUUID())))
        .isEqualTo(" AND tenant_id NOT IN (:pending)");
  }

  /**
   * A tenant whose pair waits on this node is not claimed for an on-demand or manual refresh: the
   * answer says so before the database is even asked.
   */
  @Test
  void claimOneRefusesATenantWhosePairWaits() throws Exception {
    ReceivedPair pair = RefreshJournalTest.pair(UUID.randomUUID(), 2, "plain");
    ConnectionLeases leases = new ConnectionLeases();
    leases.parked = RefreshProtocolCommitTest.parkedPairsIn(journalDir, "host/aaaa1111");
    leases.parked.park(pair);

    ConnectionLeases.ClaimAttempt attempt = leases.claimOne(pair.tenantId(), true);

    assertThat(attempt.reason()).isEqualTo(ConnectionLeases.ClaimAttempt.Reason.PAIR_WAITING);
    assertThat(attempt.claim()).isEmpty();
    leases.parked.close();
  }

  /** Exactly the statuses the scheduler keeps fresh appear, quoted, in the SQL list. */
  @Test
  void scheduledListFollowsTheEnum() {
    for (ConnectionStatus status : ConnectionStatus.values()) {
      assertThat(ConnectionLeases.SCHEDULED.contains("'" + status.name() + "'"))
          .as(status.name())
          .isEqualTo(status.isScheduled());
    }
    assertThat(ConnectionLeases.SCHEDULED)
        .startsWith("(")
        .endsWith(")")
        .doesNotContain(" ")
        .hasSize(
            2
                + Arrays.stream(ConnectionStatus.values())
                    .filter(ConnectionStatus::isScheduled)
                    .mapToInt(s -> s.name().length() + 3)
                    .sum()
                - 1);
  }
}
