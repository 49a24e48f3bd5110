package io.tokenwarden.interfaces.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.RefreshTrigger;
import org.junit.jupiter.api.Test;

/** The audit trail in words: no enum names, no codes, no ISO instants for a person to decode. */
class AuditWordsTest {

  private final AuditWords words = new AuditWords();

  /** Every trigger has a word, and none is its enum name. */
  @Test
  void everyTriggerInWords() {
    for (RefreshTrigger trigger : RefreshTrigger.values()) {
      assertThat(words.trigger(trigger)).as(trigger.name()).isNotEqualTo(trigger.name());
    }
    assertThat(words.trigger(RefreshTrigger.ONBOARDING)).isEqualTo("Onboarding page");
  }

  /** Known codes read as words; an unknown one is at least readable. */
  @Test
  void outcomesInWords() {
    assertThat(words.outcome("SUCCESS")).isEqualTo("Succeeded");
    assertThat(words.outcome("access_denied")).isEqualTo("Tenant pressed Deny");
    assertThat(words.outcome("http_503")).isEqualTo("Http 503");
    assertThat(words.outcome(null)).isEqualTo("—");
    assertThat(words.isFailure("access_denied")).isTrue();
    assertThat(words.isFailure("link_opened")).isFalse();
    assertThat(words.outcome("REFRESH_ASKED")).isEqualTo("Refresh asked");
    assertThat(words.isFailure("REFRESH_ASKED")).isFalse();
  }

  /** Instants inside a stored detail are shown readable; the rest of the text is kept. */
  @Test
  void detailInstantsReadable() {
    assertThat(
            words.detail("Token pair refreshed; next refresh at 2026-12-06T05:50:35.626351752Z."))
        .isEqualTo("Token pair refreshed; next refresh at 6 Dec 2026, 05:50 UTC.");
    assertThat(words.detail(null)).isEmpty();
  }
}
