package io.tokenwarden.application.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook endpoint as the console and the API show it. The secret is never part of it: it is
 * shown once, in {@link IssuedEndpointSecret}, when made. {@code previousSecretUntil} is when the
 * secret replaced by the last rotation stops signing (null when none does).
 */
public record EndpointView(
    UUID id,
    String url,
    String description,
    boolean enabled,
    List<String> eventTypes,
    Instant previousSecretUntil,
    Instant createdAt,
    Instant updatedAt) {}
