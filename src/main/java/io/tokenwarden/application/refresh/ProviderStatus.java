package io.tokenwarden.application.refresh;

import java.time.Instant;

/**
 * The provider-wide state the console shows in its banner.
 *
 * @param circuitOpen refreshing is paused cluster-wide right now (throttle pause or credential
 *     alarm)
 * @param throttlePausedUntil end of the last provider-wide throttle pause (null: none seen)
 * @param admittedPerTick how many refreshes one node's tick may start now (slow start after a
 *     pause; 0 while paused)
 * @param credentialsRejectedAt when FreeAgent last rejected Token Warden's client credentials
 *     (null: no alarm)
 * @param alarmMessage plain words for the operator, or null when all is well
 */
public record ProviderStatus(
    boolean circuitOpen,
    Instant throttlePausedUntil,
    int admittedPerTick,
    Instant credentialsRejectedAt,
    String alarmMessage) {}
