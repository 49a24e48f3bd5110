package io.tokenwarden.interfaces.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Liberty moves a persistent timer to another node only when the persistent executor has a missed
 * task threshold between 100 s and 2.5 h; without one, the cluster-once jobs stop with the node
 * that created their timer. This guards the setting in the PostgreSQL configuration.
 */
class TimerFailoverConfigTest {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

  /** The EJB timers' executor names a threshold whose default enables failover. */
  @Test
  void persistentTimersFailOver() throws Exception {
    Document config =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new File("liberty/db/postgresql.xml"));

    Element executor = byId(config, "persistentExecutor", "defaultEJBPersistentTimerExecutor");
    String threshold = resolve(config, executor.getAttribute("missedTaskThreshold"));

    assertThat(threshold).as("missedTaskThreshold").isNotBlank();
    Duration value = Duration.parse("PT" + threshold.toUpperCase(java.util.Locale.ROOT));
    assertThat(value).isBetween(Duration.ofSeconds(100), Duration.ofMinutes(150));
  }

  private static Element byId(Document config, String tag, String id) {
    var elements = config.getElementsByTagName(tag);
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (id.equals(element.getAttribute("id"))) {
        return element;
      }
    }
    throw new AssertionError("no <" + tag + " id=\"" + id + "\">");
  }

  /** Replaces a ${variable} by the default its <variable> element gives. */
  private static String resolve(Document config, String value) {
    Matcher m = VARIABLE.matcher(value);
    if (!m.matches()) {
      return value;
    }
    var variables = config.getElementsByTagName("variable");
    for (int i = 0; i < variables.getLength(); i++) {
      Element variable = (Element) variables.item(i);
      if (m.group(1).equals(variable.getAttribute("name"))) {
        return variable.getAttribute("defaultValue");
      }
    }
    throw new AssertionError("variable " + m.group(1) + " has no default");
  }
}
