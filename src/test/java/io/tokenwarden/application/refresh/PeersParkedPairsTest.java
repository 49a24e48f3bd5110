package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.infrastructure.peers.PeerClient;
import io.tokenwarden.testing.ConfigDefaults;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PeersParkedPairsTest {

  private static final String SECRET = "s".repeat(32);

  private final UUID held = UUID.randomUUID();
  private final UUID other = UUID.randomUUID();
  private final PeersParkedPairs.StalePeer peer =
      new PeersParkedPairs.StalePeer(
          "node2/abcdefgh", URI.create("http://node2:9080"), Instant.parse("2026-12-07T10:00:00Z"));

  /** A peer client that records what it was asked and answers what the test says. */
  private static final class ScriptedClient extends PeerClient {
    final List<URI> asked = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();
    Optional<Set<UUID>> answer = Optional.empty();

    @Override
    public Optional<Set<UUID>> parkedTenants(URI peerUrl, String secret) {
      asked.add(peerUrl);
      secrets.add(secret);
      return answer;
    }
  }

  private final ScriptedClient client = new ScriptedClient();

  private PeersParkedPairs peers(String secret) {
    PeersParkedPairs peers = new PeersParkedPairs();
    peers.client = client;
    peers.nodeSettings = ConfigDefaults.of(NodeSettings.class);
    peers.nodeSettings.peerSecret = Optional.ofNullable(secret);
    peers.settings = ConfigDefaults.of(RefreshSettings.class);
    return peers;
  }

  /** The tenants a stale holder names stay with it; the others of its rows do not. */
  @Test
  void aHolderKeepsTheTenantsItNames() {
    client.answer = Optional.of(Set.of(held));
    PeersParkedPairs peers = peers(SECRET);

    assertThat(peers.holds(peer, held)).isTrue();
    assertThat(peers.holds(peer, other)).isFalse();
    assertThat(peers.recentlyHeld()).containsExactly(held);
    assertThat(client.secrets).containsOnly(SECRET);
  }

  /**
   * One question per holder within two ticks, however many of its rows a claim meets; a holder that
   * beat since (another heartbeat) is asked again.
   */
  @Test
  void anAnswerIsReusedUntilTheHolderBeats() {
    client.answer = Optional.of(Set.of(held));
    PeersParkedPairs peers = peers(SECRET);

    peers.holds(peer, held);
    peers.holds(peer, other);
    peers.holds(peer, held);
    assertThat(client.asked).hasSize(1);

    peers.holds(
        new PeersParkedPairs.StalePeer(peer.name(), peer.url(), peer.heartbeatAt().plusSeconds(1)),
        held);
    assertThat(client.asked).hasSize(2);
  }

  /** A holder that does not answer keeps nothing: its rows go as a dead node's do. */
  @Test
  void aHolderThatDoesNotAnswerKeepsNothing() {
    client.answer = Optional.empty();
    PeersParkedPairs peers = peers(SECRET);

    assertThat(peers.holds(peer, held)).isFalse();
    assertThat(peers.recentlyHeld()).isEmpty();
  }

  /** Without the fleet's secret nobody is asked, and nothing is kept. */
  @Test
  void withoutTheSecretNobodyIsAsked() {
    client.answer = Optional.of(Set.of(held));
    PeersParkedPairs peers = peers(null);

    assertThat(peers.holds(peer, held)).isFalse();
    assertThat(peers.recentlyHeld()).isEmpty();
    assertThat(client.asked).isEmpty();
  }
}
