package io.tokenwarden.application.refresh;

import java.time.Instant;

/**
 * The provider-wide row every node reads at each tick ({@code provider_state}).
 *
 * @param throttlePausedUntil refreshing pauses until then after a provider-wide throttle, and
 *     resumes slowly afterwards
 * @param credentialsRejectedAt FreeAgent answered 401 to our client credentials then
 * @param alarmMessage what the operator is told
 */
public record ProviderState(
    Instant throttlePausedUntil, Instant credentialsRejectedAt, String alarmMessage) {

  public static final ProviderState CLEAR = new ProviderState(null, null, null);
}
