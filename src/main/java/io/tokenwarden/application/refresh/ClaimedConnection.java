package io.tokenwarden.application.refresh;

import java.time.Instant;
import java.util.UUID;

/**
 * A connection this node holds the lease of, with what the claim query already read. {@code
 * claimId} is the fresh id the claim wrote into the lease: the store and the release match it, so
 * an older claim of the same node whose lease ran out cannot act on a newer claim's lease. {@code
 * userWindow} is the start of the per-user refresh window the claim counted itself in: a claim that
 * ends without a token call gives that slot back ({@link ConnectionLeases#returnUserSlot}).
 */
public record ClaimedConnection(
    UUID connectionId,
    UUID tenantId,
    String userKey,
    Instant nextRefreshAt,
    UUID claimId,
    Instant userWindow) {}
