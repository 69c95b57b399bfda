package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CasesFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void jsonLinesKeepsEveryOtherFieldAndSkipsBlankLines() throws Exception {
        Path p = write("c.jsonl", "{\"instruction\":\"q1\",\"name\":\"one\",\"reference\":\"r\",\"tags\":[\"a\"],"
                + "\"priority\":2,\"meta\":{\"k\":\"v\"}}\n\n{\"instruction\":\"q2\"}\n");
        List<Case> cases = CasesFile.load(CasesFileTest.class, p.toString());
        assertThat(cases).hasSize(2);
        Case one = cases.get(0);
        assertThat(one.name()).isEqualTo("one");
        assertThat(one.reference()).isEqualTo("r");
        assertThat(one.tags()).containsExactly("a");
        assertThat(one.fields()).containsOnlyKeys("priority", "meta");
        assertThat(one.field("priority")).contains("2");
        assertThat(cases.get(1).label()).isEqualTo("q2");
    }

    @Test
    void aBrokenJsonLineIsNamedByItsLineNumber() throws Exception {
        Path p = write("c.jsonl", "{\"instruction\":\"q1\"}\n\n{\"instruction\": }\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, p.toString()))
                .hasMessageContaining("c.jsonl line 3 is not valid JSON");
    }

    @Test
    void aCaseWithoutInstructionIsNamed() throws Exception {
        Path p = write("c.json", "[{\"instruction\":\"q\"},{\"name\":\"x\"}]");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, p.toString()))
                .hasMessageContaining("case 2 has no \"instruction\"");
    }

    @Test
    void yamlListsAndYamlSyntaxErrorsWithTheLine() throws Exception {
        Path ok = write("c.yaml", "- instruction: q1\n  name: first\n- instruction: q2\n  tags: [x, y]\n");
        assertThat(CasesFile.load(CasesFileTest.class, ok.toString())).extracting(Case::label)
                .containsExactly("first", "q2");
        Path bad = write("d.yaml", "- instruction: q1\n  name: [unclosed\n- instruction: q2\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, bad.toString()))
                .hasMessageContaining("d.yaml line ");
    }

    @Test
    void aMissingFileSaysWhereItWasLookedFor() {
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, "nowhere.jsonl"))
                .hasMessageContaining("nowhere.jsonl is neither a classpath resource")
                .hasMessageContaining("src/test/resources");
    }

    @Test
    void anUnknownExtensionIsRefused() throws Exception {
        Path p = write("c.txt", "hello");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, p.toString())).hasMessageContaining(".jsonl");
    }
}
