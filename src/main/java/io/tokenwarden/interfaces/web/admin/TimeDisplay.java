package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.refresh.RefreshSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * {@link RelativeTime} for the pages ({@code #{time.relative(x)}} with {@code
 * title="#{time.absolute(x)}"}), on the application's clock, plus the refresh-token warning: a
 * refresh token that expires within {@code tokenwarden.refresh.refresh-token-warning} is flagged.
 */
@Named("time")
@ApplicationScoped
public class TimeDisplay {

  @Inject Clock clock;

  @Inject @ConfigProperties RefreshSettings refresh;

  public String relative(Instant when) {
    return RelativeTime.describe(when, clock.instant());
  }

  /** "1 Dec 2026, 20:48 UTC (in 60 min)": a moment inside a sentence. */
  public String inSentence(Instant when) {
    return RelativeTime.dayAndTime(when) + " (" + relative(when) + ")";
  }

  public String absolute(Instant when) {
    return RelativeTime.absolute(when);
  }

  /** Whether a refresh token expiring at {@code when} is inside the warning window (or past). */
  public boolean refreshWarning(Instant when) {
    return when != null && when.isBefore(clock.instant().plus(refresh.refreshTokenWarning()));
  }

  /** Whether {@code when} lies in the future (e.g. a throttle still in force). */
  public boolean isFuture(Instant when) {
    return when != null && when.isAfter(clock.instant());
  }

  public long warningDays() {
    return refresh.refreshTokenWarning().toDays();
  }
}
