package io.tokenwarden.testing;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shipped Liberty configuration as a test reads it: {@code liberty/server.xml} and the files
 * given, with {@code ${variable}} references resolved to the defaults their {@code <variable>}
 * elements declare (what a node runs with when nothing is set). For tests that guard a setting the
 * code depends on but Liberty, not the application, applies.
 */
public final class LibertyConfig {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

  private final List<Document> documents = new ArrayList<>();

  private LibertyConfig(List<String> files) {
    try {
      var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
      documents.add(builder.parse(new File("liberty/server.xml")));
      for (String file : files) {
        documents.add(builder.parse(new File(file)));
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the Liberty configuration", e);
    }
  }

  /** {@code liberty/server.xml} and {@code includes} (paths from the project root). */
  public static LibertyConfig withIncludes(String... includes) {
    return new LibertyConfig(List.of(includes));
  }

  /** The one element {@code <tag id="id">}; fails the test when there is none. */
  public Element byId(String tag, String id) {
    for (Element element : all(tag)) {
      if (id.equals(element.getAttribute("id"))) {
        return element;
      }
    }
    throw new AssertionError("no <" + tag + " id=\"" + id + "\">");
  }

  /** The one element {@code <tag>} below {@code parent}; fails the test when there is not one. */
  public Element child(Element parent, String tag) {
    NodeList found = parent.getElementsByTagName(tag);
    if (found.getLength() != 1) {
      throw new AssertionError(found.getLength() + " <" + tag + "> in " + parent.getTagName());
    }
    return (Element) found.item(0);
  }

  /**
   * The attribute's value with a whole-value {@code ${variable}} replaced by its declared default;
   * blank when the attribute is absent.
   */
  public String resolved(Element element, String attribute) {
    String value = element.getAttribute(attribute);
    Matcher m = VARIABLE.matcher(value);
    if (!m.matches()) {
      return value;
    }
    for (Element variable : all("variable")) {
      if (m.group(1).equals(variable.getAttribute("name"))) {
        return variable.getAttribute("defaultValue");
      }
    }
    throw new AssertionError("variable " + m.group(1) + " has no default");
  }

  /**
   * A Liberty duration such as {@code 30s}, {@code 5m} or {@code 1h30m} (no milliseconds), or null
   * when the attribute is absent.
   */
  public Duration duration(Element element, String attribute) {
    String value = resolved(element, attribute);
    if (value.isBlank()) {
      return null;
    }
    return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
  }

  private List<Element> all(String tag) {
    List<Element> elements = new ArrayList<>();
    for (Document document : documents) {
      NodeList found = document.getElementsByTagName(tag);
      for (int i = 0; i < found.getLength(); i++) {
        elements.add((Element) found.item(i));
      }
    }
    return elements;
  }
}
