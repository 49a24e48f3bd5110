package io.tokenwarden.application.refresh;

import io.tokenwarden.infrastructure.peers.PeerClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * The received pairs other nodes hold but cannot store (ADR 0029). A node cut off from the database
 * alone looks dead to the others once its heartbeat is older than dead-after, yet it may hold pairs
 * FreeAgent issued for rows it leased; taking such a row would send the refresh token FreeAgent has
 * already rotated. So before a claim takes a row from a stale holder, the holder is asked over HTTP
 * (its registry row's peer URL) which tenants it holds pairs for, and those rows stay with it.
 *
 * <p>The answer of a holder asked while its heartbeat is stale can only shrink: past dead-after it
 * starts no token call ({@link NodeRegistry#mayClaim}), so it receives no new pair, and a pair it
 * stores leaves its list (storing needs the database, so the holder then beats again and its rows
 * are no longer taken anyway). So an answer may be reused, and its tenants kept out of the claim
 * SQL, for two ticks; a holder is asked only when a claim meets one of its rows. A holder that does
 * not answer (dead, or cut off from this node too) is treated as before: its rows are taken.
 * Nothing is asked when {@code tokenwarden.node.peer-secret} is not set.
 */
@ApplicationScoped
public class PeersParkedPairs {

  private static final Logger LOG = Logger.getLogger(PeersParkedPairs.class.getName());

  @Inject PeerClient client;

  @Inject @ConfigProperties NodeSettings nodeSettings;

  @Inject @ConfigProperties RefreshSettings settings;

  private final Map<StalePeer, Answer> answers = new ConcurrentHashMap<>();

  /** A lease holder whose heartbeat is older than dead-after, with the URL it is reached at. */
  record StalePeer(String name, URI url, Instant heartbeatAt) {}

  private record Answer(Set<UUID> tenants, long askedNanos) {}

  /** Whether this node asks stale holders at all (the fleet's peer secret is set). */
  boolean asking() {
    return nodeSettings.peerSecret().isPresent();
  }

  /**
   * The tenants stale holders said they hold pairs for, by answers still good: what the claim SQL
   * leaves out before it meets their rows.
   */
  Set<UUID> recentlyHeld() {
    if (answers.isEmpty()) {
      return Set.of();
    }
    long now = System.nanoTime();
    answers.entrySet().removeIf(e -> expired(e.getValue(), now));
    Set<UUID> held = new HashSet<>();
    answers.values().forEach(answer -> held.addAll(answer.tenants()));
    return held;
  }

  /**
   * Whether {@code peer} holds a pair for the tenant, by an answer still good or by asking now.
   *
   * @param peer a holder whose heartbeat was older than dead-after when the claim read the row
   */
  boolean holds(StalePeer peer, UUID tenantId) {
    Optional<String> secret = nodeSettings.peerSecret();
    if (secret.isEmpty()) {
      return false;
    }
    long now = System.nanoTime();
    Answer answer = answers.get(peer);
    if (answer == null || expired(answer, now)) {
      answer = ask(peer, secret.get(), now);
      answers.put(peer, answer);
    }
    return answer.tenants().contains(tenantId);
  }

  /** An answer is reused for two ticks (at least 2 s), then the holder is asked again. */
  private boolean expired(Answer answer, long now) {
    long reuse = Math.max(settings.tick().multipliedBy(2).toNanos(), 2_000_000_000L);
    return now - answer.askedNanos() > reuse;
  }

  private Answer ask(StalePeer peer, String secret, long now) {
    Optional<Set<UUID>> tenants = client.parkedTenants(peer.url(), secret);
    tenants
        .filter(t -> !t.isEmpty())
        .ifPresent(
            t ->
                LOG.warning(
                    () ->
                        "Node "
                            + peer.name()
                            + " has not beaten for tokenwarden.node.dead-after but answers that it"
                            + " holds "
                            + t.size()
                            + " received pair(s) it cannot store; their tenants stay with it"));
    return new Answer(tenants.orElse(Set.of()), now);
  }
}
