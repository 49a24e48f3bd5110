package io.tokenwarden.application.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  private final WebhookSettings settings = ConfigDefaults.of(WebhookSettings.class);

  @Test
  void everyKeyIsInTheReadmeTableWithItsDefault() {
    ConfigDefaults.assertDocumentedInReadme(WebhookSettings.class);
  }

  /** An attempt that runs its whole timeout still ends inside its delivery's lease. */
  @Test
  void theLeaseIsAtLeastThreeTimeouts() {
    settings.timeout = Duration.ofSeconds(30);
    settings.lease = Duration.ofSeconds(10);

    assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(90));
  }

  /** Counts configured as zero still claim, send and warn about something. */
  @Test
  void countsAreAtLeastOne() {
    settings.batch = 0;
    settings.concurrency = -1;
    settings.refreshFailingAfter = 0;

    assertThat(settings.batch()).isEqualTo(1);
    assertThat(settings.concurrency()).isEqualTo(1);
    assertThat(settings.refreshFailingAfter()).isEqualTo(1);
  }
}
