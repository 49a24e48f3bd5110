package io.tokenwarden.application.refresh;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Token pairs received from FreeAgent whose commit kept failing (the database was unreachable). The
 * refresh token they replace is spent, so they are the only usable pair: they stay here, every tick
 * tries to store them again until that succeeds or a newer pair exists, and no claim on this node
 * takes their tenant meanwhile (it would send the spent token). This is the one in-memory view;
 * {@link RefreshJournal} is its durable backing on local disk: a pair is journaled before its first
 * commit attempt, and the entries an earlier run left behind are loaded before this node claims
 * anything. Other nodes do not see these pairs (docs/DESIGN.md §5.3).
 */
@ApplicationScoped
public class ParkedPairs {

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(ParkedPairs.class.getName());

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject NodeIdentity node;

  @Inject Clock clock;

  RefreshJournal journal;

  private final ConcurrentHashMap<Key, ReceivedPair> parked = new ConcurrentHashMap<>();

  private volatile boolean loaded;

  @PostConstruct
  void init() {
    journal = new RefreshJournal(settings.journalDir(), node.name(), clock);
  }

  @PreDestroy
  void close() {
    journal.close();
  }

  /**
   * Writes a received pair to the journal before its first commit attempt. A journal that cannot be
   * written does not stop the commit: the pair is then only as safe as it was before the journal.
   */
  void journal(ReceivedPair pair) {
    try {
      journal.write(pair);
    } catch (IOException | RuntimeException e) {
      LOG.severe(
          () ->
              "Tenant "
                  + labels.of(pair.tenantId())
                  + ": the received token pair could not be written to the refresh journal in "
                  + journal.directory()
                  + " ("
                  + e.getClass().getSimpleName()
                  + "); it is stored without that safety net. Check"
                  + " tokenwarden.refresh.journal-dir.");
    }
  }

  /** The commit keeps failing: the tick retries the pair, and claims skip its tenant. */
  void park(ReceivedPair pair) {
    parked.put(Key.of(pair), pair);
  }

  /** The pair is stored or superseded: it leaves memory and the journal. */
  void done(ReceivedPair pair) {
    parked.remove(Key.of(pair), pair);
    try {
      journal.remove(pair);
    } catch (IOException | RuntimeException e) {
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(pair.tenantId())
                  + ": the refresh journal entry of a stored pair could not be removed ("
                  + e.getClass().getSimpleName()
                  + "); the next start finds it superseded.");
    }
  }

  /** The parked pairs, including those an earlier run left in the journal. */
  List<ReceivedPair> all() {
    load();
    return List.copyOf(parked.values());
  }

  /**
   * The tenants no claim on this node may take: their received pair waits to be stored.
   *
   * @throws JournalUnreadableException before the journal of earlier runs could be read
   */
  public Set<UUID> pendingTenants() {
    load();
    return parked.keySet().stream().map(Key::tenantId).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether a received pair of the tenant waits to be stored on this node. */
  boolean holds(UUID tenantId) {
    return pendingTenants().contains(tenantId);
  }

  public int size() {
    return parked.size();
  }

  /** Loads the entries earlier runs left in the journal, once; fails until it can. */
  private void load() {
    if (loaded) {
      return;
    }
    synchronized (this) {
      if (loaded) {
        return;
      }
      try {
        List<ReceivedPair> earlier = journal.adoptEarlierRuns();
        earlier.forEach(this::park);
        if (!earlier.isEmpty()) {
          LOG.warning(
              () ->
                  earlier.size()
                      + " received token pair(s) an earlier run could not store were found in the"
                      + " refresh journal; they are stored before this node claims anything.");
        }
        loaded = true;
      } catch (IOException | RuntimeException e) {
        throw new JournalUnreadableException(journal.directory(), e);
      }
    }
  }

  /** One parked pair per tenant and version it was refreshed from. */
  private record Key(UUID tenantId, long expectedVersion) {
    static Key of(ReceivedPair pair) {
      return new Key(pair.tenantId(), pair.expectedVersion());
    }
  }

  /** The journal of earlier runs cannot be read: this node must not claim, it might resend. */
  static final class JournalUnreadableException extends RuntimeException {
    JournalUnreadableException(java.nio.file.Path directory, Exception cause) {
      super(
          "The refresh journal in "
              + directory
              + " cannot be read ("
              + cause.getClass().getSimpleName()
              + "); this node claims no refresh until it can. Check"
              + " tokenwarden.refresh.journal-dir and its permissions.",
          null,
          false,
          false);
    }
  }
}
