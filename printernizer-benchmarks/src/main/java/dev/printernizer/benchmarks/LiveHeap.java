package dev.printernizer.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap, counted exactly: the JVM's class histogram ({@code GC.class_histogram}) runs a
 * full collection and then counts every reachable object. Used-heap figures after
 * {@code System.gc()} include partly filled G1 regions; in small probes they were off by more
 * than a kilobyte per entry (1,484 bytes per cached run key where the histogram counts 163).
 */
final class LiveHeap {

  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
  private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

  private LiveHeap() {}

  /** @return the class histogram as the JVM prints it */
  static String histogram() {
    try {
      return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {null}, new String[] {String[].class.getName()}));
    } catch (JMException e) {
      throw new IllegalStateException("the class histogram is not available: " + e, e);
    }
  }

  /** @return bytes of all live objects, after a full collection */
  static long bytes() {
    Matcher m = TOTAL.matcher(histogram());
    if (!m.find()) {
      throw new IllegalStateException("class histogram without a Total line");
    }
    return Long.parseLong(m.group(1));
  }

  /** @return live bytes per class in a histogram's text */
  static Map<String, Long> byClass(String histogram) {
    Map<String, Long> bytes = new HashMap<>();
    Matcher m = ROW.matcher(histogram);
    while (m.find()) {
      bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
    }
    return bytes;
  }
}
