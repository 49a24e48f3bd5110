package io.tokenwarden.application.refresh;

import java.time.Instant;
import java.util.UUID;

/** A connection this node holds the lease of, with what the claim query already read. */
public record ClaimedConnection(
    UUID connectionId, UUID tenantId, String userKey, Instant nextRefreshAt) {}
