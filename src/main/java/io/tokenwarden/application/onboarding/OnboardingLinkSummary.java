package io.tokenwarden.application.onboarding;

import io.tokenwarden.domain.LinkPurpose;
import java.time.Instant;
import java.util.UUID;

/**
 * What the console shows about a link (never its token).
 *
 * @param state "usable", "expired", "revoked" or "used"
 */
public record OnboardingLinkSummary(
    UUID id,
    LinkPurpose purpose,
    Instant createdAt,
    Instant expiresAt,
    Instant consumedAt,
    Instant revokedAt,
    String state) {}
