package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeFilterTest {

  @Test
  void emptyMeansEveryTypeAndIsStoredAsNull() {
    EventTypeFilter all = EventTypeFilter.ofWireNames(List.of());

    assertThat(all.stored()).isNull();
    assertThat(all.wireNames()).isEmpty();
    for (WebhookEventType type : WebhookEventType.values()) {
      assertThat(all.matches(type)).isTrue();
    }
    assertThat(EventTypeFilter.fromStored(null)).isEqualTo(all);
    assertThat(EventTypeFilter.fromStored("")).isEqualTo(all);
  }

  @Test
  void aListMatchesOnlyItsTypesAndRoundTrips() {
    EventTypeFilter filter =
        EventTypeFilter.ofWireNames(List.of("provider.throttled", "Connection.Needs_Reconnect"));

    assertThat(filter.matches(WebhookEventType.CONNECTION_NEEDS_RECONNECT)).isTrue();
    assertThat(filter.matches(WebhookEventType.PROVIDER_THROTTLED)).isTrue();
    assertThat(filter.matches(WebhookEventType.CONNECTION_CONNECTED)).isFalse();
    assertThat(filter.stored()).isEqualTo("connection.needs_reconnect,provider.throttled");
    assertThat(EventTypeFilter.fromStored(filter.stored())).isEqualTo(filter);
  }

  @Test
  void unknownTypesAreRefusedByName() {
    assertThatThrownBy(() -> EventTypeFilter.ofWireNames(List.of("connection.exploded")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'connection.exploded'")
        .hasMessageContaining("connection.connected");
  }
}
