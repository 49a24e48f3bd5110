package io.tokenwarden.interfaces.web.connect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whose pages the tenant is on. The tenant came from the SaaS, not from Token Warden, so the pages
 * carry the SaaS's name, its support contact and a way back to it ({@code tokenwarden.connect.*}),
 * and never Token Warden's name. All three are optional; a return URL that is not http(s) is
 * ignored with a warning rather than put into a link.
 */
@ApplicationScoped
public class ConnectBranding {

  private static final Logger LOG = Logger.getLogger(ConnectBranding.class.getName());

  @Inject
  @ConfigProperty(name = "tokenwarden.connect.app-name")
  Optional<String> appName;

  @Inject
  @ConfigProperty(name = "tokenwarden.connect.return-url")
  Optional<String> returnUrl;

  @Inject
  @ConfigProperty(name = "tokenwarden.connect.support-contact")
  Optional<String> supportContact;

  /** The settings as the pages use them. */
  Branding branding() {
    String url = returnUrl.map(String::strip).filter(u -> !u.isEmpty()).orElse(null);
    if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
      LOG.warning("tokenwarden.connect.return-url is not an http(s) URL; no return link is shown");
      url = null;
    }
    return new Branding(blankToNull(appName), url, blankToNull(supportContact));
  }

  private static String blankToNull(Optional<String> value) {
    return value.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  /**
   * @param appName the SaaS's name, or null
   * @param returnUrl where "Return to …" leads, or null for no such link
   * @param supportContact who the tenant can ask (an e-mail address, a URL or a sentence), or null
   */
  record Branding(String appName, String returnUrl, String supportContact) {

    static final Branding NONE = new Branding(null, null, null);
  }
}
