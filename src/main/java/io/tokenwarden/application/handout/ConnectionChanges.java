package io.tokenwarden.application.handout;

import java.util.List;
import java.util.UUID;

/**
 * What one poll of the change watch read: the state of every connection row written since the
 * previous poll (with the overlap, see {@link ChangeCoverage}) and every tenant deleted meanwhile.
 * Ids, versions, statuses and times only: no token ever passes through here.
 */
public record ConnectionChanges(List<ChangedRow> rows, List<DeletedTenant> deletions) {

  public ConnectionChanges {
    rows = List.copyOf(rows);
    deletions = List.copyOf(deletions);
  }

  /**
   * A connection row as the poll read it; {@code inService} when its status is one the scheduler
   * keeps fresh (a token of it may be handed out).
   */
  public record ChangedRow(UUID tenantId, AccessTokenCache.RowState state, boolean inService) {}

  /** A tenant deleted on some node, with the slug that named it. */
  public record DeletedTenant(UUID tenantId, String slug) {}
}
