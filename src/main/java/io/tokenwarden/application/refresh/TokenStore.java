package io.tokenwarden.application.refresh;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.application.webhooks.WebhookEvents;
import io.tokenwarden.application.webhooks.WebhookSettings;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.NeedsReconnectReason;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * The write side of the rotation-safe protocol. Each method is one unit of work in the tenant's
 * context that reads the connection under a row lock, checks the fence ({@code token_version}
 * unchanged since the snapshot the provider call was made from), applies the change through the
 * entity, writes the audit row and the webhook event it causes, and gives the lease back.
 */
@ApplicationScoped
public class TokenStore {

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject FreeAgentConnections connections;

  @Inject ConnectionLeases leases;

  @Inject AuditTrail audit;

  @Inject WebhookEvents webhooks;

  @Inject @ConfigProperties WebhookSettings webhookSettings;

  @Inject Clock clock;

  /**
   * The tenant's connection as it is now, or empty when the tenant has none. One statement that
   * reads the snapshot's columns and the database's time together: the refresh protocol reads it
   * before every provider call, and loading the entity (a JPQL query, the persistence context, a
   * second statement for the time) cost more than the fence needs (docs/BENCHMARKS.md, "P1,
   * profiled": the entity read was the largest frame of ours).
   */
  public Optional<ConnectionSnapshot> snapshot(UUID tenantId) {
    return scope.asTenant(
        tenantId,
        () -> {
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(ConnectionSnapshot.SELECT + " WHERE tenant_id = :tenant")
                  .setParameter("tenant", tenantId)
                  .getResultList();
          return rows.stream().findFirst().map(ConnectionSnapshot::of);
        });
  }

  /**
   * Stores the pair a refresh returned, if no newer pair was stored since {@code expectedVersion}.
   * A lost lease alone does not stop it: the refresh token the snapshot held is spent, so the new
   * pair is the newest truth. Only this claim's lease is given back: when a newer claim holds the
   * row (the lease ran out and was claimed again, even by this node) its lease stays.
   *
   * @return the status after, or empty when a newer pair had been stored (ours is dropped)
   */
  public Optional<ConnectionStatus> storeRefreshed(ReceivedPair pair) {
    return scope.asTenant(
        pair.tenantId(),
        () -> {
          Fenced fenced = lockFenced(pair.tenantId(), pair.expectedVersion());
          Optional<ConnectionStatus> status = applyRefreshed(pair, fenced);
          if (status.isPresent()) {
            em.flush();
            leases.release(pair.tenantId(), fenced.connection().id(), pair.claimId());
          }
          return status;
        });
  }

  /**
   * Stores several received pairs in one unit of work (ADR 0032), each exactly as {@link
   * #storeRefreshed} would: one locking read of all their rows in the order of their ids (so two
   * nodes' groups never wait for each other in a cycle), each pair fenced and applied through the
   * entity, one flush, each stored pair's lease given back. A superseded pair is a result, not an
   * error; any exception undoes the whole group and nothing of it is stored. Cross-tenant, so in
   * the root context, with every tenant named explicitly. A group of one takes the tenant's own
   * unit of work.
   *
   * @return per pair, in their order, the status after, or empty when a newer pair had been stored
   */
  public List<Optional<ConnectionStatus>> storeRefreshedTogether(List<ReceivedPair> pairs) {
    if (pairs.size() == 1) {
      return List.of(storeRefreshed(pairs.get(0)));
    }
    return scope.asRoot(
        () -> {
          Map<UUID, FreeAgentConnection> locked =
              connections.ofTenantsForUpdate(
                  pairs.stream().map(ReceivedPair::tenantId).collect(Collectors.toSet()));
          List<Optional<ConnectionStatus>> statuses = new ArrayList<>(pairs.size());
          for (ReceivedPair pair : pairs) {
            FreeAgentConnection c = locked.get(pair.tenantId());
            statuses.add(applyRefreshed(pair, Fenced.of(c, pair.expectedVersion())));
          }
          em.flush();
          for (int i = 0; i < pairs.size(); i++) {
            if (statuses.get(i).isPresent()) {
              ReceivedPair pair = pairs.get(i);
              leases.release(pair.tenantId(), locked.get(pair.tenantId()).id(), pair.claimId());
            }
          }
          return statuses;
        });
  }

  /**
   * The part of storing a pair that is the same alone and in a group: on the locked, fenced row,
   * checks that no newer pair exists, applies the pair through the entity, writes the audit row and
   * the webhook event it causes. The caller flushes and gives the lease back.
   */
  private Optional<ConnectionStatus> applyRefreshed(ReceivedPair pair, Fenced fenced) {
    UUID tenantId = pair.tenantId();
    TokenGrant grant = pair.grant();
    Instant nextRefresh = pair.nextRefresh();
    if (fenced.connection() == null) {
      LOG.info(
          () -> "Tenant " + labels.of(tenantId) + " was deleted during a refresh; pair dropped.");
      return Optional.empty();
    }
    if (!fenced.current()) {
      LOG.severe(
          () ->
              "Tenant "
                  + labels.of(tenantId)
                  + ": a newer token pair was stored while this node refreshed; the pair this node"
                  + " received is dropped (the lease should have prevented this).");
      return Optional.empty();
    }
    FreeAgentConnection c = fenced.connection();
    if (pair.claimId() == null || !pair.claimId().equals(c.leaseClaim())) {
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(tenantId)
                  + ": this claim's lease ran out during the refresh; storing the new pair anyway"
                  + " because no newer one exists.");
    }
    Instant now = clock.instant();
    ConnectionStatus before = c.status();
    int failuresBefore = c.consecutiveFailures();
    c.refreshed(grant, seenTwiceMeanwhile(c, pair, now) ? now : nextRefresh, now);
    audit.record(
        tenantId,
        pair.trigger(),
        AuditTrail.SUCCESS,
        200,
        pair.duration(),
        c.status(),
        (grant.carriesAccessToken() ? "Token pair refreshed" : "Refresh token rotated")
            + "; next refresh at "
            + c.nextRefreshAt()
            + "."
            + (pair.irregularity() == null ? "" : " " + pair.irregularity()));
    if (trouble(before, failuresBefore)) {
      webhooks.recovered(tenantId, before);
    }
    return Optional.of(c.status());
  }

  /**
   * Records a failed token-endpoint call, unless a newer pair was stored meanwhile: then the
   * failure concerns a token that is no longer current and changes nothing but the lease, except
   * that a call which may have reached FreeAgent (refused, or with no usable answer) makes the
   * stored pair due at once ({@link FreeAgentConnection#olderRefreshTokenSentAgain}).
   *
   * @param expectedVersion the {@code token_version} the failed call was made from
   * @param retryAt when to try again; null for a failure no retry can mend
   */
  public ConnectionStatus recordFailure(
      ClaimedConnection claim,
      long expectedVersion,
      ProviderFailure failure,
      Instant retryAt,
      RefreshTrigger trigger,
      Duration duration,
      Runnable alsoInScope) {
    UUID tenantId = claim.tenantId();
    String code = failure.code();
    String message = failure.message();
    return scope.asTenant(
        tenantId,
        () -> {
          Fenced fenced = lockFenced(tenantId, expectedVersion);
          FreeAgentConnection c = fenced.connection();
          if (c == null) {
            return ConnectionStatus.PENDING; // the tenant was deleted meanwhile
          }
          // A failure of a token that is no longer current, or of a connection a person has
          // taken over meanwhile, is audited but changes nothing, except that an older token that
          // may have reached FreeAgent again puts the stored pair to the test at once.
          if (fenced.current() && c.status().isScheduled()) {
            ConnectionStatus before = c.status();
            int failuresBefore = c.consecutiveFailures();
            if (failure.outcomeUnknown()) {
              c.refreshOutcomeUnknown(code, message, retryAt, clock.instant());
            } else {
              c.refreshFailed(failure.kind(), code, message, retryAt, clock.instant());
            }
            announceFailure(c, before, failuresBefore);
          } else if (!fenced.current() && reachedTheProvider(failure)) {
            c.olderRefreshTokenSentAgain(clock.instant());
            LOG.warning(
                () ->
                    "Tenant "
                        + labels.of(tenantId)
                        + ": a refresh token that another refresh had already traded for the stored"
                        + " pair reached FreeAgent again ("
                        + code
                        + "); refreshing now in case FreeAgent revoked that pair for the reuse.");
          }
          audit.record(
              tenantId, trigger, code, failure.httpStatus(), duration, c.status(), message);
          if (alsoInScope != null) {
            alsoInScope.run();
          }
          em.flush();
          int released = leases.release(tenantId, c.id(), claim.claimId());
          if (released == 1 && failure.kind() == FailureKind.LOCAL_REFUSAL) {
            leases.returnUserSlot(claim); // FreeAgent was never called
          }
          return c.status();
        });
  }

  /**
   * Whether another call of this pair's refresh token ended without a usable answer while this call
   * was under way (the unknown outcome was recorded after this call started): a node that stood
   * still past its lease sent the token too, and a provider that revokes a grant on reuse has
   * revoked this pair (ADR 0033). An unknown outcome recorded before this call started is the
   * ordinary retry after a timeout, which this answer settles. The start is taken as the store's
   * time less the call's duration, so an unknown outcome recorded in the moment between the answer
   * and the store is not counted.
   */
  private static boolean seenTwiceMeanwhile(FreeAgentConnection c, ReceivedPair pair, Instant now) {
    Instant unknownSince = c.outcomeUnknownSince();
    Duration call = pair.duration() == null ? Duration.ZERO : pair.duration();
    return unknownSince != null && unknownSince.isAfter(now.minus(call));
  }

  /**
   * Whether a failed call may have shown its refresh token to FreeAgent: refused (invalid_grant) or
   * without a usable answer. A 429, a credentials failure or a local refusal did not spend it.
   */
  private static boolean reachedTheProvider(ProviderFailure failure) {
    return failure.kind() == FailureKind.GRANT_LOST || failure.outcomeUnknown();
  }

  /**
   * The refresh token seen at {@code expectedVersion} has expired: NEEDS_RECONNECT without calling
   * the provider. Checked again under the row lock: a reconnect or refresh since the caller looked
   * brought a new refresh token, and that connection is left alone.
   *
   * @param claimId the claim whose lease to give back; null for a caller without a claim
   *     (maintenance), which leaves any lease alone
   */
  public ConnectionStatus markRefreshTokenExpired(
      UUID tenantId, long expectedVersion, UUID claimId, RefreshTrigger trigger) {
    return scope.asTenant(
        tenantId,
        () -> {
          Fenced fenced = lockFenced(tenantId, expectedVersion);
          FreeAgentConnection c = fenced.connection();
          if (c == null) {
            return ConnectionStatus.PENDING; // the tenant was deleted meanwhile
          }
          Instant now = clock.instant();
          boolean stillExpired = c.refreshExpiresAt() != null && !c.refreshExpiresAt().isAfter(now);
          if (!fenced.current() || !stillExpired || !c.status().isScheduled()) {
            // reconnected, refreshed, disconnected or already broken meanwhile: nothing to expire
            leases.release(tenantId, c.id(), claimId);
            return c.status();
          }
          c.refreshTokenExpired(now);
          webhooks.needsReconnect(tenantId, NeedsReconnectReason.REFRESH_TOKEN_EXPIRED);
          audit.record(
              tenantId,
              trigger,
              "refresh_token_expired",
              null,
              Duration.ZERO,
              c.status(),
              "The refresh token expired; send the tenant a reconnect link.");
          em.flush();
          leases.release(tenantId, c.id(), claimId);
          return c.status();
        });
  }

  /**
   * Moves the next refresh without a provider call (e.g. paused) and gives the claim's lease back,
   * with the user's refresh slot the claim counted. A claim that no longer holds the lease changes
   * nothing: the row is a newer claim's to schedule.
   */
  public void rescheduleAndRelease(ClaimedConnection claim, Instant when) {
    scope.asTenant(
        claim.tenantId(),
        () -> {
          FreeAgentConnection c = connections.currentForUpdate().orElse(null);
          if (c == null || !claim.claimId().equals(c.leaseClaim())) {
            return null; // the tenant was deleted meanwhile, or another claim holds the row
          }
          c.rescheduleAt(when, clock.instant());
          em.flush();
          leases.release(claim.tenantId(), c.id(), claim.claimId());
          leases.returnUserSlot(claim);
          return null;
        });
  }

  /**
   * The webhook a recorded failure causes: {@code connection.needs_reconnect} when the grant was
   * just lost, {@code connection.refresh_failing} once per streak, when the consecutive failures
   * (transient or throttled) reach {@code tokenwarden.webhooks.refresh-failing-after}. Runs in the
   * failure's unit of work.
   */
  private void announceFailure(FreeAgentConnection c, ConnectionStatus before, int failuresBefore) {
    if (c.status() == ConnectionStatus.NEEDS_RECONNECT
        && before != ConnectionStatus.NEEDS_RECONNECT) {
      webhooks.needsReconnect(
          c.tenantId(),
          ProviderFailure.ANSWER_LOST.equals(c.lastErrorCode())
              ? NeedsReconnectReason.ANSWER_LOST
              : NeedsReconnectReason.REVOKED);
      return;
    }
    if (!trouble(before, failuresBefore) && trouble(c.status(), c.consecutiveFailures())) {
      webhooks.refreshFailing(c.tenantId(), c.consecutiveFailures(), c.lastErrorCode());
    }
  }

  /**
   * Whether a connection in this state has been announced as in trouble: it needs a reconnect, or
   * its failures in a row (transient or throttled) reached {@code refresh-failing-after}. Recovery
   * is announced only from such a state, so a receiver never gets {@code connection.recovered}
   * without the event that preceded it, and a single failure (or a throttled tenant under a
   * provider-wide pause) sends nothing.
   */
  private boolean trouble(ConnectionStatus status, int failures) {
    return announcedTrouble(status, failures, webhookSettings.refreshFailingAfter());
  }

  /** The rule of {@link #trouble}, with the threshold given (unit-tested). */
  static boolean announcedTrouble(ConnectionStatus status, int failures, int threshold) {
    return status == ConnectionStatus.NEEDS_RECONNECT
        || (status != ConnectionStatus.CONNECTED && failures >= threshold);
  }

  /**
   * Locks the tenant's connection and checks the fence: has no newer pair been stored since the
   * snapshot at {@code expectedVersion} the provider call was made from? Runs in the caller's
   * tenant-scoped unit of work.
   */
  private Fenced lockFenced(UUID tenantId, long expectedVersion) {
    return Fenced.of(connections.currentForUpdate().orElse(null), expectedVersion);
  }

  /**
   * The locked connection (null when the tenant was deleted) and whether its version is the one
   * expected.
   */
  private record Fenced(FreeAgentConnection connection, boolean current) {

    static Fenced of(FreeAgentConnection locked, long expectedVersion) {
      return new Fenced(locked, locked != null && locked.tokenVersion() == expectedVersion);
    }
  }
}
