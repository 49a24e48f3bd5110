package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.domain.ConnectionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * How a connection status looks: an icon, a colour class and always a word, so that no status is
 * told by colour alone. Each status's word and icon are chosen together, in {@link #look}, so a new
 * status cannot get one without the other.
 */
@Named("statuses")
@ApplicationScoped
public class StatusDisplay {

  /** The word and the PrimeIcons class one status is shown with. */
  record Look(String word, String icon) {}

  private static final Look UNKNOWN = new Look("Unknown", "pi pi-question-circle");

  public List<ConnectionStatus> getAll() {
    return List.of(ConnectionStatus.values());
  }

  public String word(ConnectionStatus status) {
    return look(status).word();
  }

  public String icon(ConnectionStatus status) {
    return look(status).icon();
  }

  /** The CSS class giving the colour (tw-status-connected, …). */
  public String cssClass(ConnectionStatus status) {
    return "tw-status tw-status-"
        + (status == null ? "unknown" : status.name().toLowerCase().replace('_', '-'));
  }

  static Look look(ConnectionStatus status) {
    if (status == null) {
      return UNKNOWN;
    }
    return switch (status) {
      case PENDING -> new Look("Pending", "pi pi-hourglass");
      case CONNECTED -> new Look("Connected", "pi pi-check-circle");
      case REFRESH_FAILING -> new Look("Refresh failing", "pi pi-exclamation-triangle");
      case THROTTLED -> new Look("Throttled", "pi pi-clock");
      case NEEDS_RECONNECT -> new Look("Needs reconnect", "pi pi-times-circle");
      case DISCONNECTED -> new Look("Disconnected", "pi pi-ban");
    };
  }
}
