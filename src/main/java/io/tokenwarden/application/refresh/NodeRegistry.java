package io.tokenwarden.application.refresh;

import io.tokenwarden.application.refresh.NodeLiveness.RegisteredNode;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * This node's row in the live node registry (table {@code node}): registered at the first tick, its
 * heartbeat written at every tick (one UPDATE), so other nodes can take a dead node's leases after
 * {@code tokenwarden.node.dead-after} instead of after the lease, and a restarted node can take
 * over its own earlier runs' leases at once. A node that cannot beat must not send: it claims
 * nothing once its last heartbeat is too old for a token call to end before others see it dead. A
 * node whose heartbeat failed, or whose own row had gone stale, is back from an outage ({@link
 * Rejoin}) and leaves other nodes' leases alone for a while ({@link NodeLiveness#mayTake}). Native
 * SQL, cross-tenant (the registry belongs to no tenant).
 */
@ApplicationScoped
public class NodeRegistry {

  private static final Logger LOG = Logger.getLogger(NodeRegistry.class.getName());

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject NodeIdentity node;

  @Inject @ConfigProperties NodeSettings nodeSettings;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject FreeAgentOAuthClient oauth;

  private volatile Instant startedAt;
  private volatile long registeredNanos;
  private volatile long lastBeatNanos;
  private volatile boolean settled;
  private volatile boolean twinSeen;
  private final Rejoin rejoin = new Rejoin();

  /**
   * Writes this node's heartbeat; the first call registers it (and prunes rows of nodes gone long
   * enough that their leases have expired). Once a live twin had time to show itself, checks once
   * that no other running node shares this node's configured name.
   *
   * @throws RuntimeException when the database refuses: the caller must not claim then
   */
  public void heartbeat() {
    try {
      beat();
    } catch (RuntimeException e) {
      rejoin.cutOff();
      throw e;
    }
  }

  private void beat() {
    long now = System.nanoTime();
    Instant beatAt;
    boolean ownRowWasStale;
    if (startedAt == null) {
      beatAt = register();
      ownRowWasStale = false;
    } else {
      Object[] before =
          scope.asRoot(
              () -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows =
                    em.createNativeQuery(
                            "SELECT heartbeat_at, CURRENT_TIMESTAMP FROM node WHERE name = :name")
                        .setParameter("name", node.name())
                        .getResultList();
                if (rows.isEmpty()) {
                  return null;
                }
                em.createNativeQuery(
                        "UPDATE node SET heartbeat_at = CURRENT_TIMESTAMP WHERE name = :name")
                    .setParameter("name", node.name())
                    .executeUpdate();
                return rows.get(0);
              });
      if (before == null) {
        // Pruned while this node could not beat: its leases are gone anyway.
        beatAt = register();
        ownRowWasStale = true;
      } else {
        beatAt = SqlValues.instant(before[1]);
        ownRowWasStale =
            NodeLiveness.isStale(SqlValues.instant(before[0]), beatAt, nodeSettings.deadAfter());
      }
    }
    lastBeatNanos = now;
    if (rejoin.beat(ownRowWasStale, beatAt, nodeSettings.deadAfter())) {
      LOG.warning(
          () ->
              "This node was cut off from the database; it takes no other node's lease until it"
                  + " has beaten again for tokenwarden.node.dead-after ("
                  + nodeSettings.deadAfter()
                  + "), so nodes back from the same outage store their parked pairs first");
    }
    if (!settled && now - registeredNanos >= settleWindow().toNanos()) {
      settle();
    }
  }

  /**
   * Whether this node may claim (and so send): no live twin shares its configured name, and its
   * last heartbeat is recent enough that a token call started now ends before other nodes take its
   * leases. A node that never registered (scheduled refreshing disabled) is not in the registry;
   * its leases are only ever waited out, so it may claim.
   */
  public boolean mayClaim() {
    if (twinSeen) {
      return false;
    }
    long last = lastBeatNanos;
    return startedAt == null || System.nanoTime() - last <= sendWindow().toNanos();
  }

  /** What the claims need to tell dead lease holders from live ones right now. */
  public NodeLiveness liveness() {
    return new NodeLiveness(
        node.name(),
        node.configuredName(),
        startedAt,
        nodeSettings.deadAfter(),
        settled && !twinSeen,
        rejoin.othersFrom());
  }

  /**
   * How long since its last heartbeat a node may still start a token call: dead-after less the
   * longest call and the margin to store its answer.
   */
  Duration sendWindow() {
    return nodeSettings
        .deadAfter()
        .minus(oauth.refreshCallBound())
        .minus(RefreshProtocol.LEASE_MARGIN);
  }

  /** Time a live node with this configured name has to beat once after this run started. */
  Duration settleWindow() {
    return settings.tick().multipliedBy(3);
  }

  /** Registers this run; answers its registration time (database time). */
  private Instant register() {
    startedAt =
        scope.asRoot(
            () -> {
              em.createNativeQuery("DELETE FROM node WHERE name = :name")
                  .setParameter("name", node.name())
                  .executeUpdate();
              em.createNativeQuery(
                      "INSERT INTO node (name, configured_name, started_at, heartbeat_at, peer_url)"
                          + " VALUES (:name, :configured, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                          + " :peerUrl)")
                  .setParameter("name", node.name())
                  .setParameter("configured", node.configuredName())
                  .setParameter(
                      "peerUrl", nodeSettings.peerUrl().map(Object::toString).orElse(null))
                  .executeUpdate();
              Instant started =
                  SqlValues.instant(
                      em.createNativeQuery("SELECT started_at FROM node WHERE name = :name")
                          .setParameter("name", node.name())
                          .getSingleResult());
              // A node gone this long claimed nothing since; every lease it held has expired. One
              // that still holds a lease keeps its row: it may be alive, cut off from the database,
              // and holding that row's pair, and its peer URL is how others can ask (ADR 0029).
              Duration gone = nodeSettings.deadAfter().plus(settings.lease());
              em.createNativeQuery(
                      "DELETE FROM node WHERE heartbeat_at < :before AND NOT EXISTS"
                          + " (SELECT 1 FROM freeagent_connection c WHERE c.lease_owner = node.name)")
                  .setParameter("before", ConnectionLeases.at(started.minus(gone)))
                  .executeUpdate();
              return started;
            });
    registeredNanos = System.nanoTime();
    lastBeatNanos = registeredNanos;
    settled = false;
    return startedAt;
  }

  private void settle() {
    List<RegisteredNode> sameName =
        scope.asRoot(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "SELECT name, configured_name, heartbeat_at FROM node"
                              + " WHERE configured_name = :configured")
                      .setParameter("configured", node.configuredName())
                      .getResultList();
              return rows.stream()
                  .map(
                      r ->
                          new RegisteredNode(
                              r[0].toString(), r[1].toString(), SqlValues.instant(r[2])))
                  .toList();
            });
    List<String> twins =
        NodeLiveness.liveTwins(sameName, node.name(), node.configuredName(), startedAt);
    if (!twins.isEmpty()) {
      twinSeen = true;
      LOG.severe(
          () ->
              "Another running node uses tokenwarden.node.name="
                  + node.configuredName()
                  + " ("
                  + String.join(", ", twins)
                  + "): this node ("
                  + node.name()
                  + ") claims no refresh, since two live nodes with one name would take each"
                  + " other's leases. Give every node its own tokenwarden.node.name and restart"
                  + " this one.");
    }
    settled = true;
  }
}
