package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A token pair FreeAgent issued in a refresh, with everything needed to store it: the same value
 * whether it is stored at once ({@link TokenStore#storeRefreshed}), held while the database is away
 * ({@link ParkedPairs}) or written to and replayed from the {@link RefreshJournal}. The refresh
 * token it was traded for is spent from the moment FreeAgent answered, so this is the tenant's only
 * usable pair until it is stored.
 *
 * @param expectedVersion the {@code token_version} the refresh was made from; the store drops the
 *     pair when a newer one was stored since
 * @param claimId the claim it was refreshed under, whose lease the store gives back (null in a
 *     journal entry written before leases named their claim)
 * @param grant the pair, sealed (ciphertexts only)
 * @param accessToken the plaintext access token for the hand-out cache; null when FreeAgent sent
 *     none, and after a replay from the journal, which never holds it
 * @param irregularity what was odd about FreeAgent's answer, for the audit row; null when nothing
 */
public record ReceivedPair(
    UUID tenantId,
    long expectedVersion,
    UUID claimId,
    TokenGrant grant,
    Instant nextRefresh,
    RefreshTrigger trigger,
    Duration duration,
    String accessToken,
    String irregularity) {

  /** Names the tenant and version only: the access token must never reach a log line. */
  @Override
  public String toString() {
    return "ReceivedPair[" + tenantId + ", version " + expectedVersion + "]";
  }
}
