package dev.printernizer.driver.bambu.internal;

import dev.printernizer.api.FilamentUse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What Bambu Studio (and Orca Slicer) write into a sliced 3MF's
 * {@code Metadata/slice_info.config}: per plate its index, the time prediction in seconds, the
 * weight in grams, and per filament the slicer's filament number ({@code id}, from 1), type,
 * colour and the planned metres and grams; in the header the slicer's version. Parsed with DTDs
 * and external entities off. Values that do not parse are left out, never guessed.
 */
final class SliceInfo {
  /** One plate. */
  static final class Plate {
    final int index;
    final @Nullable Duration prediction;
    final @Nullable Double weight;
    final List<FilamentUse> filaments;

    Plate(int index, @Nullable Duration prediction, @Nullable Double weight,
        List<FilamentUse> filaments) {
      this.index = index;
      this.prediction = prediction;
      this.weight = weight;
      this.filaments = filaments;
    }
  }

  final @Nullable String clientVersion;
  final List<Plate> plates;

  private SliceInfo(@Nullable String clientVersion, List<Plate> plates) {
    this.clientVersion = clientVersion;
    this.plates = plates;
  }

  /**
   * @param index the plate number
   * @return that plate, or null
   */
  @Nullable Plate plate(int index) {
    for (Plate p : plates) {
      if (p.index == index) {
        return p;
      }
    }
    return null;
  }

  /**
   * @param xml the file's bytes
   * @return what it says
   * @throws IOException when it is not well-formed XML
   */
  static SliceInfo parse(byte[] xml) throws IOException {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // quiet; fatal errors throw
      doc = b.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("slice_info.config is not readable XML: " + e.getMessage(), e);
    }
    String version = null;
    NodeList items = doc.getElementsByTagName("header_item");
    for (int i = 0; i < items.getLength(); i++) {
      Element e = (Element) items.item(i);
      if ("X-BBL-Client-Version".equals(e.getAttribute("key"))) {
        version = blankToNull(e.getAttribute("value"));
      }
    }
    List<Plate> plates = new ArrayList<>();
    NodeList plateNodes = doc.getElementsByTagName("plate");
    for (int i = 0; i < plateNodes.getLength() && i < 1000; i++) {
      plates.add(plate((Element) plateNodes.item(i), i + 1));
    }
    return new SliceInfo(version, plates);
  }

  private static Plate plate(Element plate, int position) {
    Integer index = null;
    Duration prediction = null;
    Double weight = null;
    List<FilamentUse> filaments = new ArrayList<>();
    for (Node n = plate.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element)) {
        continue;
      }
      Element e = (Element) n;
      if (e.getTagName().equals("metadata")) {
        String key = e.getAttribute("key");
        String value = e.getAttribute("value");
        if (key.equals("index")) {
          Double d = number(value);
          index = d != null && d >= 1 && d <= 1000 && d == Math.rint(d) ? d.intValue() : null;
        } else if (key.equals("prediction")) {
          Double d = number(value);
          prediction = d != null && d > 0 && d < 3650.0 * 86400 ? Duration.ofSeconds(
              Math.round(d)) : null;
        } else if (key.equals("weight")) {
          Double d = number(value);
          weight = d != null && d >= 0 ? d : null;
        }
      } else if (e.getTagName().equals("filament") && filaments.size() < 64) {
        FilamentUse f = filament(e);
        if (f != null) {
          filaments.add(f);
        }
      }
    }
    return new Plate(index != null ? index : position, prediction, weight, filaments);
  }

  private static @Nullable FilamentUse filament(Element e) {
    Double id = number(e.getAttribute("id"));
    if (id == null || id < 1 || id > 64 || id != Math.rint(id)) {
      return null;
    }
    String type = blankToNull(e.getAttribute("type"));
    if (type != null && type.length() > FilamentUse.MAX_MATERIAL) {
      type = null;
    }
    String color = blankToNull(e.getAttribute("color"));
    if (color != null) {
      // Bambu writes #RRGGBB, sometimes #RRGGBBAA: keep the colour, drop the alpha
      color = color.toUpperCase(Locale.ROOT);
      if (color.matches("#[0-9A-F]{8}")) {
        color = color.substring(0, 7);
      }
      if (!color.matches("#[0-9A-F]{6}")) {
        color = null;
      }
    }
    Double grams = nonNegative(number(e.getAttribute("used_g")));
    Double meters = nonNegative(number(e.getAttribute("used_m")));
    return new FilamentUse(id.intValue() - 1, type, color, grams, meters);
  }

  private static @Nullable Double nonNegative(@Nullable Double d) {
    return d != null && d >= 0 ? d : null;
  }

  private static @Nullable Double number(String s) {
    try {
      double d = Double.parseDouble(s.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(String s) {
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
