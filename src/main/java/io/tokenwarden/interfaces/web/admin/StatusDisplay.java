package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.domain.ConnectionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * How a connection status looks: an icon, a colour class and always a word, so that no status is
 * told by colour alone.
 */
@Named("statuses")
@ApplicationScoped
public class StatusDisplay {

  public List<ConnectionStatus> getAll() {
    return List.of(ConnectionStatus.values());
  }

  public String word(ConnectionStatus status) {
    if (status == null) {
      return "Unknown";
    }
    return switch (status) {
      case PENDING -> "Pending";
      case CONNECTED -> "Connected";
      case REFRESH_FAILING -> "Refresh failing";
      case THROTTLED -> "Throttled";
      case NEEDS_RECONNECT -> "Needs reconnect";
      case DISCONNECTED -> "Disconnected";
    };
  }

  public String icon(ConnectionStatus status) {
    if (status == null) {
      return "pi pi-question-circle";
    }
    return switch (status) {
      case PENDING -> "pi pi-hourglass";
      case CONNECTED -> "pi pi-check-circle";
      case REFRESH_FAILING -> "pi pi-exclamation-triangle";
      case THROTTLED -> "pi pi-clock";
      case NEEDS_RECONNECT -> "pi pi-times-circle";
      case DISCONNECTED -> "pi pi-ban";
    };
  }

  /** The CSS class giving the colour (tw-status-connected, …). */
  public String cssClass(ConnectionStatus status) {
    return "tw-status tw-status-"
        + (status == null ? "unknown" : status.name().toLowerCase().replace('_', '-'));
  }
}
