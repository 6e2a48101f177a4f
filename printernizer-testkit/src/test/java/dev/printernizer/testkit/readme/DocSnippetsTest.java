package dev.printernizer.testkit.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Code blocks (Java, YAML) in docs/ marked with a source comment equal the file they name, which
 * the build compiles or loads.
 */
class DocSnippetsTest {
  private static final Pattern MARKED = Pattern.compile(
      "<!-- source: (\\S+) -->\\s*```(?:java|yaml)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void markedSnippetsMatchTheirSources() throws IOException {
    Path root = Path.of("..");
    int checked = 0;
    try (var docs = Files.list(root.resolve("docs"))) {
      for (Path doc : (Iterable<Path>) docs.filter(p -> p.toString().endsWith(".md"))::iterator) {
        Matcher m = MARKED.matcher(Files.readString(doc));
        while (m.find()) {
          Path src = root.resolve(m.group(1));
          assertTrue(Files.exists(src), doc + " names a missing file " + src);
          assertEquals(Files.readString(src).strip(), m.group(2).strip(),
              doc.getFileName() + ": the snippet of " + m.group(1) + " is out of date");
          checked++;
        }
      }
    }
    assertTrue(checked >= 3,
        "expected marked snippets in docs/testkit.md (store kit, driver kit, simulators), found "
            + checked);
  }
}
