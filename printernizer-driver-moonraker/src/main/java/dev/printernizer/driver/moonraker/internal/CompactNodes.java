package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JSON objects kept for as long as a printer is watched, on a small array map instead of
 * Jackson's {@code LinkedHashMap}: a Klipper object of a handful of fields takes about a quarter
 * of the memory (the scale run counts every byte per printer). Insertion order is kept; lookups
 * scan, which is faster than hashing for a few keys. Not thread-safe, like Jackson's nodes.
 */
final class CompactNodes {
  private CompactNodes() {}

  /** Values every printer repeats (states, Klippy's ready message): one node for all. */
  private static final Map<String, JsonNode> COMMON = common();

  private static Map<String, JsonNode> common() {
    Map<String, JsonNode> m = new java.util.HashMap<>();
    for (String v : new String[] {"", "standby", "printing", "paused", "complete", "cancelled",
        "error", "ready", "startup", "shutdown", "disconnected", "Printer is ready",
        "in_progress", "completed", "klippy_shutdown", "klippy_disconnect", "server_exit",
        "interrupted"}) {
      m.put(v, JsonNodeFactory.instance.textNode(v));
    }
    return Map.copyOf(m);
  }

  /**
   * @param value a value about to be kept
   * @return the shared node for a common text, else the value
   */
  static JsonNode shared(JsonNode value) {
    if (value.isTextual()) {
      JsonNode c = COMMON.get(value.textValue());
      if (c != null) {
        return c;
      }
    }
    return value;
  }

  /** @return an empty object on a compact map */
  static ObjectNode object() {
    return new ObjectNode(JsonNodeFactory.instance, new SmallMap());
  }

  /**
   * @param source an object
   * @return a compact deep copy
   */
  static ObjectNode copy(ObjectNode source) {
    ObjectNode out = object();
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      JsonNode v = e.getValue();
      out.set(e.getKey(), v.isObject() ? copy((ObjectNode) v) : shared(v.deepCopy()));
    }
    return out;
  }

  /** Keys and values in two arrays, in insertion order. */
  static final class SmallMap extends AbstractMap<String, JsonNode> {
    private String[] keys = new String[0];
    private JsonNode[] values = new JsonNode[0];
    private int size;

    private int index(@Nullable Object key) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return index(key) >= 0;
    }

    @Override
    public @Nullable JsonNode get(@Nullable Object key) {
      int i = index(key);
      return i < 0 ? null : values[i];
    }

    @Override
    public @Nullable JsonNode put(String key, JsonNode value) {
      Objects.requireNonNull(key, "key");
      int i = index(key);
      if (i >= 0) {
        JsonNode old = values[i];
        values[i] = value;
        return old;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size + 2);
        values = Arrays.copyOf(values, size + 2);
      }
      keys[size] = key;
      values[size] = value;
      size++;
      return null;
    }

    @Override
    public @Nullable JsonNode remove(@Nullable Object key) {
      int i = index(key);
      if (i < 0) {
        return null;
      }
      JsonNode old = values[i];
      removeAt(i);
      return old;
    }

    private void removeAt(int i) {
      System.arraycopy(keys, i + 1, keys, i, size - i - 1);
      System.arraycopy(values, i + 1, values, i, size - i - 1);
      size--;
      keys[size] = null;
      values[size] = null;
    }

    @Override
    public void clear() {
      Arrays.fill(keys, 0, size, null);
      Arrays.fill(values, 0, size, null);
      size = 0;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return size;
        }

        @Override
        public Iterator<Map.Entry<String, JsonNode>> iterator() {
          return new Iterator<>() {
            private int next;
            private int last = -1;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Map.Entry<String, JsonNode> next() {
              if (next >= size) {
                throw new NoSuchElementException();
              }
              last = next++;
              int at = last;
              return new AbstractMap.SimpleEntry<>(keys[at], values[at]) {
                private static final long serialVersionUID = 1L;

                @Override
                public JsonNode setValue(JsonNode value) {
                  values[at] = value;
                  return super.setValue(value);
                }
              };
            }

            @Override
            public void remove() {
              if (last < 0) {
                throw new IllegalStateException();
              }
              removeAt(last);
              next = last;
              last = -1;
            }
          };
        }
      };
    }
  }
}
