package io.tokenwarden.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events a webhook endpoint wants: a set of event types, or every type when the set is empty
 * (an endpoint added before a new type existed then receives that type too). Stored as the
 * comma-separated wire names, NULL for "every type".
 */
public record EventTypeFilter(Set<WebhookEventType> types) {

  public static final EventTypeFilter ALL = new EventTypeFilter(Set.of());

  public EventTypeFilter {
    types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
  }

  /**
   * The filter for these wire names; none means every type.
   *
   * @throws IllegalArgumentException naming the first name that is no event type
   */
  public static EventTypeFilter ofWireNames(Collection<String> names) {
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    for (String name : names) {
      types.add(
          WebhookEventType.ofWireName(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + name + "' is not an event type; known: " + knownNames())));
    }
    return new EventTypeFilter(types);
  }

  /** Reads the stored column (NULL or blank: every type; unknown names are ignored). */
  public static EventTypeFilter fromStored(String stored) {
    if (stored == null || stored.isBlank()) {
      return ALL;
    }
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    for (String name : stored.split(",")) {
      WebhookEventType.ofWireName(name).ifPresent(types::add);
    }
    return new EventTypeFilter(types);
  }

  /** The column value: comma-separated wire names in declaration order, or null for all. */
  public String stored() {
    return types.isEmpty() ? null : String.join(",", wireNames());
  }

  /** The wire names in declaration order; empty for "every type". */
  public List<String> wireNames() {
    return Arrays.stream(WebhookEventType.values())
        .filter(types::contains)
        .map(WebhookEventType::wireName)
        .toList();
  }

  public boolean matches(WebhookEventType type) {
    return types.isEmpty() || types.contains(type);
  }

  /** Every event type's wire name, for error messages and documentation. */
  public static String knownNames() {
    return EnumSet.allOf(WebhookEventType.class).stream()
        .map(WebhookEventType::wireName)
        .collect(Collectors.joining(", "));
  }
}
