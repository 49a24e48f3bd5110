package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory view of waiting pairs includes what an earlier run left in the journal. */
class ParkedPairsTest {

  @TempDir Path dir;

  /** A restarted node holds the tenants of an earlier run's pairs back before its first claim. */
  @Test
  void anEarlierRunsPairsArePendingBeforeAnyClaim() {
    ReceivedPair pair = RefreshJournalTest.pair(UUID.randomUUID(), 5, "plain");
    ParkedPairs firstRun = RefreshProtocolCommitTest.parkedPairsIn(dir, "host/aaaa1111");
    firstRun.journal(pair);
    firstRun.park(pair);
    firstRun.close();

    ParkedPairs secondRun = RefreshProtocolCommitTest.parkedPairsIn(dir, "host/bbbb2222");

    assertThat(secondRun.pendingTenants()).containsExactly(pair.tenantId());
    assertThat(secondRun.holds(pair.tenantId())).isTrue();
    secondRun.close();
  }

  /** A journal that cannot be read refuses to say which tenants are free: nothing is claimed. */
  @Test
  void anUnreadableJournalRefusesClaims() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("journal"), "a file");
    ParkedPairs parked = RefreshProtocolCommitTest.parkedPairsIn(notADirectory, "host/aaaa1111");

    assertThatThrownBy(parked::pendingTenants)
        .isInstanceOf(ParkedPairs.JournalUnreadableException.class)
        .hasMessageContaining("claims no refresh");
  }
}
