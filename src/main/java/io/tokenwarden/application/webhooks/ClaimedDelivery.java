package io.tokenwarden.application.webhooks;

import java.util.UUID;

/**
 * A delivery this node holds the lease of, with what sending it needs: the endpoint's URL and
 * sealed secrets, the event's id and body. {@code attemptsBefore} counts the attempts made so far.
 */
record ClaimedDelivery(
    UUID deliveryId,
    UUID claimId,
    UUID endpointId,
    String url,
    String secretCiphertext,
    String previousSecretCiphertext,
    UUID eventId,
    String payload,
    int attemptsBefore) {}
