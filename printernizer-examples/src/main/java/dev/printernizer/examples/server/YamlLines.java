package dev.printernizer.examples.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The line of every key path in a YAML text, so that config errors can name it. */
final class YamlLines {
  private YamlLines() {}

  /** Line numbers of every key path ("printers[0].host"). */
  static Map<String, Integer> of(String text) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      Deque<String> path = new ArrayDeque<>();
      Deque<Integer> index = new ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        JsonLocation loc = p.currentTokenLocation();
        switch (t) {
          case FIELD_NAME:
            path.addLast(p.currentName());
            out.put(join(path), loc.getLineNr());
            break;
          case START_ARRAY:
            index.push(-1);
            break;
          case END_ARRAY:
            index.pop();
            popField(path);
            break;
          case START_OBJECT:
            if (!index.isEmpty() && isArrayElement(path, index)) {
              int i = index.pop() + 1;
              index.push(i);
              path.addLast("[" + i + "]");
              out.put(join(path), loc.getLineNr());
            }
            break;
          case END_OBJECT:
            if (!path.isEmpty() && path.peekLast().startsWith("[")) {
              path.removeLast();
            } else {
              popField(path);
            }
            break;
          default:
            popField(path);
        }
      }
    }
    return out;
  }

  private static boolean isArrayElement(Deque<String> path, Deque<Integer> index) {
    return !path.isEmpty() && !path.peekLast().startsWith("[") && index.peek() != null;
  }

  private static void popField(Deque<String> path) {
    if (!path.isEmpty() && !path.peekLast().startsWith("[")) {
      path.removeLast();
    }
  }

  private static String join(Deque<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String s : path) {
      if (!s.startsWith("[") && sb.length() > 0) {
        sb.append('.');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
