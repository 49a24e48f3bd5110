package io.tokenwarden.application.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules that tell a dead lease holder from a live one, from what the node registry says. A
 * holder is gone when its heartbeat is older than {@code tokenwarden.node.dead-after}; an earlier
 * incarnation of this node's own configured name is gone sooner, as soon as this run is settled (it
 * waited long enough for a live twin to show itself) and that incarnation has not beaten since this
 * run started, or has no registry row at all. A holder without a registry row is otherwise treated
 * as alive (a node of an older version, or one whose row was pruned after its leases expired), so
 * its lease is waited out. The claim SQL in {@link ConnectionLeases} says the same.
 *
 * <p>Two more rules keep a pair parked during a database outage from being overtaken by another
 * node's claim (docs/DESIGN.md §5.2, "Coming back from a database outage"): an expired lease whose
 * holder is alive stays with it for up to {@link #expiredLeaseGrace()}, so a holder back from an
 * outage can store what it parked; and a node back from an outage itself ({@code othersFrom} ahead)
 * takes no other node's lease, expired or not, until it has beaten again for dead-after, so every
 * node back from the same outage first shows itself alive.
 *
 * @param me this run's node name ({@code NodeIdentity.name()})
 * @param configuredName the configured name it was made from
 * @param startedAt when this run registered, in the database's time; null before that
 * @param settled whether earlier incarnations may be taken over (no live twin showed itself)
 * @param othersFrom database time from which this node takes other nodes' leases again after it was
 *     cut off from the database ({@link Rejoin}); null when it never was
 */
record NodeLiveness(
    String me,
    String configuredName,
    Instant startedAt,
    Duration deadAfter,
    boolean settled,
    Instant othersFrom) {

  /** Length of the random suffix {@code NodeIdentity} adds per start. */
  static final int SUFFIX_LENGTH = 8;

  /** The escape character of {@link #incarnationPattern}. */
  static final char ESCAPE = '!';

  /**
   * Whether the lease {@code owner} holds may be taken now, though it has not expired.
   *
   * @param ownerHeartbeat the owner's last heartbeat, null when it has no registry row
   */
  boolean holderGone(String owner, Instant ownerHeartbeat, Instant databaseNow) {
    if (owner == null || owner.equals(me)) {
      return false;
    }
    if (ownerHeartbeat != null && isStale(ownerHeartbeat, databaseNow, deadAfter)) {
      return true;
    }
    return settled
        && isIncarnationOf(owner, configuredName)
        && (ownerHeartbeat == null || ownerHeartbeat.isBefore(startedAt));
  }

  /**
   * Whether this node may take the lease on a row now; the one rule {@code claimOne} applies and
   * the claim SQL of {@code claimDue} repeats ({@code ConnectionLeases.takeable}).
   *
   * @param owner the lease's holder, null when none
   * @param leaseExpires the lease's expiry, null when the row is free
   * @param ownerHeartbeat the holder's last heartbeat, null when it has no registry row
   */
  boolean mayTake(String owner, Instant leaseExpires, Instant ownerHeartbeat, Instant databaseNow) {
    if (leaseExpires == null) {
      return true;
    }
    boolean mine = owner == null || owner.equals(me);
    if (!mine && rejoining(databaseNow)) {
      return false;
    }
    if (holderGone(owner, ownerHeartbeat, databaseNow)) {
      return true;
    }
    if (!leaseExpires.isBefore(databaseNow)) {
      return false;
    }
    // Expired: a live holder may be storing a pair it parked while the database was away.
    return mine
        || ownerHeartbeat == null
        || leaseExpires.isBefore(databaseNow.minus(expiredLeaseGrace()));
  }

  /** Whether this node is back from a database outage and waits before taking others' leases. */
  boolean rejoining(Instant databaseNow) {
    return othersFrom != null && databaseNow.isBefore(othersFrom);
  }

  /**
   * How long past its expiry a live holder keeps its lease: twice dead-after. A holder cut off from
   * the database is dead (its lease free) dead-after after its last heartbeat, which was at the
   * latest when its lease ran out; one back before that beats and stores its parked pairs at its
   * next tick, well within the second dead-after. The bound frees a lease a live node leaked.
   */
  Duration expiredLeaseGrace() {
    return deadAfter.multipliedBy(2);
  }

  /** A heartbeat older than {@code deadAfter}: that node is gone. */
  static boolean isStale(Instant heartbeat, Instant databaseNow, Duration deadAfter) {
    return heartbeat.isBefore(databaseNow.minus(deadAfter));
  }

  /** Whether {@code owner} is a run of the node configured as {@code configuredName}. */
  static boolean isIncarnationOf(String owner, String configuredName) {
    String prefix = configuredName + "/";
    return owner.startsWith(prefix)
        && owner.length() == prefix.length() + SUFFIX_LENGTH
        && owner.indexOf('/', prefix.length()) < 0;
  }

  /**
   * The SQL LIKE pattern (escape {@link #ESCAPE}) matching the runs of {@code configuredName}, as
   * {@link #isIncarnationOf} does; configured names may hold {@code _}, a LIKE wildcard.
   */
  static String incarnationPattern(String configuredName) {
    String literal =
        configuredName
            .replace(String.valueOf(ESCAPE), "" + ESCAPE + ESCAPE)
            .replace("%", ESCAPE + "%")
            .replace("_", ESCAPE + "_");
    return literal + "/" + "_".repeat(SUFFIX_LENGTH);
  }

  /**
   * The other runs of this node's configured name that beat after this run started: live twins. Two
   * live nodes with one configured name would take each other's leases.
   */
  static List<String> liveTwins(
      List<RegisteredNode> nodes, String me, String configuredName, Instant startedAt) {
    return nodes.stream()
        .filter(n -> n.configuredName().equals(configuredName) && !n.name().equals(me))
        .filter(n -> n.heartbeatAt().isAfter(startedAt))
        .map(RegisteredNode::name)
        .toList();
  }

  /** One registry row. */
  record RegisteredNode(String name, String configuredName, Instant heartbeatAt) {}
}
