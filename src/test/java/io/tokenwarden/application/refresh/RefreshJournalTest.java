package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable journal of received pairs: what one run writes, the next run (a restart, or a crashed
 * node that shared the directory) finds, ciphertexts only, and nothing unreadable is lost silently.
 */
class RefreshJournalTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final UUID CLAIM = UUID.fromString("0b9a2f4e-5c61-4d7a-9e0f-3a1b2c3d4e5f");

  @TempDir Path dir;

  private final List<RefreshJournal> opened = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(RefreshJournal::close);
  }

  /** A written pair is on disk, comes back in the next run exactly (bar the plain token), goes. */
  @Test
  void aWrittenPairIsFoundByTheNextRunAndRemovedWhenDone() throws IOException {
    RefreshJournal firstRun = journal("host/aaaa1111", T0);
    ReceivedPair pair = pair(UUID.randomUUID(), 7, "plain-access-1");
    firstRun.write(pair);
    assertThat(firstRun.entries()).hasSize(1);
    firstRun.close(); // the node stops (or crashes) with the pair unstored

    RefreshJournal secondRun = journal("host/bbbb2222", T0.plusSeconds(60));
    List<ReceivedPair> replayed = secondRun.adoptEarlierRuns();

    assertThat(replayed)
        .singleElement()
        .usingRecursiveComparison()
        .isEqualTo(withoutPlainToken(pair));
    assertThat(secondRun.entries()).as("adopted: now this run's entry").hasSize(1);
    secondRun.remove(replayed.get(0));
    assertThat(secondRun.entries()).isEmpty();
    assertThat(jsonFiles()).isEmpty();
  }

  /** The journal holds ciphertexts only: the access token kept for the cache never reaches disk. */
  @Test
  void noPlainTokenIsWritten() throws IOException {
    RefreshJournal journal = journal("host/aaaa1111", T0);
    journal.write(pair(UUID.randomUUID(), 3, "plain-access-token-DO-NOT-WRITE"));

    String onDisk = allBytes();
    assertThat(onDisk).doesNotContain("plain-access-token-DO-NOT-WRITE");
    assertThat(onDisk).contains("sealed-access-ciphertext").contains("sealed-refresh-ciphertext");
  }

  /** An entry that cannot be read is set aside as .bad and logged, never deleted or replayed. */
  @Test
  void aCorruptEntryIsSetAside() throws IOException {
    UUID tenant = UUID.randomUUID();
    Path corrupt = dir.resolve("crashed@cccc3333+" + tenant + "+4.json");
    Files.writeString(corrupt, "{\"format\":1,\"tenantId\":\"" + tenant + "\",\"expec");
    Path partial = dir.resolve("crashed@cccc3333+" + UUID.randomUUID() + "+2.json.tmp");
    Files.writeString(partial, "{\"form");

    List<ReceivedPair> replayed = journal("host/bbbb2222", T0).adoptEarlierRuns();

    assertThat(replayed).isEmpty();
    assertThat(corrupt).doesNotExist();
    assertThat(dir.resolve(corrupt.getFileName() + ".bad")).exists();
    assertThat(dir.resolve(partial.getFileName() + ".bad")).exists();
  }

  /** Entries of earlier runs are replayed oldest first, whatever their file names. */
  @Test
  void earlierRunsAreReplayedOldestFirst() throws IOException {
    UUID later = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID earlier = UUID.fromString("ffffffff-0000-0000-0000-000000000002");
    RefreshJournal runA = journal("host/aaaa1111", T0.plusSeconds(30));
    runA.write(pair(later, 1, "a"));
    runA.close();
    RefreshJournal runB = journal("host/bbbb2222", T0);
    runB.write(pair(earlier, 1, "b"));
    runB.close();

    List<ReceivedPair> replayed = journal("host/cccc3333", T0.plusSeconds(90)).adoptEarlierRuns();

    assertThat(replayed).extracting(ReceivedPair::tenantId).containsExactly(earlier, later);
  }

  /** Two nodes on one host share the directory: a running node's entries are not taken over. */
  @Test
  void aLiveNodesEntriesAreLeftAlone() throws IOException {
    RefreshJournal running = journal("host/aaaa1111", T0);
    running.write(pair(UUID.randomUUID(), 1, "a"));

    List<ReceivedPair> replayed = journal("host/bbbb2222", T0).adoptEarlierRuns();

    assertThat(replayed).isEmpty();
    assertThat(running.entries()).hasSize(1);
  }

  private RefreshJournal journal(String node, Instant now) throws IOException {
    RefreshJournal journal = new RefreshJournal(dir, node, Clock.fixed(now, ZoneOffset.UTC));
    journal.open();
    opened.add(journal);
    return journal;
  }

  private List<Path> jsonFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().contains(".json")).toList();
    }
  }

  private String allBytes() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  static ReceivedPair pair(UUID tenant, long version, String plainAccessToken) {
    return new ReceivedPair(
        tenant,
        version,
        CLAIM,
        new TokenGrant(
            "sealed-access-ciphertext",
            T0.plusSeconds(3600),
            "sealed-refresh-ciphertext",
            T0.plus(Duration.ofDays(30))),
        T0.plusSeconds(2700),
        RefreshTrigger.SCHEDULED,
        Duration.ofMillis(40),
        plainAccessToken,
        "expires_in sent as a string");
  }

  private static ReceivedPair withoutPlainToken(ReceivedPair pair) {
    return new ReceivedPair(
        pair.tenantId(),
        pair.expectedVersion(),
        pair.claimId(),
        pair.grant(),
        pair.nextRefresh(),
        pair.trigger(),
        pair.duration(),
        null,
        pair.irregularity());
  }
}
