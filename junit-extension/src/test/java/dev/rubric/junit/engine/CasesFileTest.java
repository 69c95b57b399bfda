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
    void yamlAliasesOfListsAndMappingsStandForWhatTheirAnchorsMarkAndOthersAreRefused() throws Exception {
        Path p = write("a.yaml", """
                - instruction: Can I get a refund?
                  tags: &t [billing, refunds]
                  meta: &m {team: support}
                - instruction: And for shipping?
                  tags: *t
                  meta: *m
                """);

        List<Case> cases = CasesFile.load(CasesFileTest.class, p.toString());

        assertThat(cases.get(1).tags()).containsExactly("billing", "refunds");
        assertThat(cases.get(1).fields()).containsKey("meta");
        // before: the instruction was the text "q"
        Path text = write("q.yaml", "- instruction: &q Can I get a refund?\n- instruction: *q\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, text.toString()))
                .hasMessageContaining("q.yaml line 2: the alias *q is not read");
        Path merge = write("m.yaml", "- &base\n  instruction: q\n- <<: *base\n  name: n\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, merge.toString()))
                .hasMessageContaining("m.yaml line 3: merge keys (<<) are not read");
    }

    @Test
    void aBillionLaughsIsRefusedNotExpanded() throws Exception {
        StringBuilder yaml = new StringBuilder("- instruction: q\n  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("  x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        Path p = write("lol.yaml", yaml.toString());

        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, p.toString()))
                .hasMessageContaining("lol.yaml line ").hasMessageContaining("expands to more than 1,000,000 values");
    }

    @Test
    void casesFilesAreAsStrictAsRubricFiles() throws Exception {
        Path dup = write("dup.yaml", "- instruction: q\n  name: a\n  name: b\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, dup.toString()))
                .hasMessageContaining("dup.yaml line 3: name is given twice (also on line 2)");
        Path tags = write("tags.yaml", "- instruction: q\n  tags: [ok, 1, {a: b}, null]\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, tags.toString()))
                .hasMessageContaining("tags.yaml line 1, case 1: tag 2 of \"tags\" must be a text, not a number");
        Path name = write("name.json", "[{\"instruction\": \"q\", \"name\": {\"a\": 1}}]");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, name.toString()))
                .hasMessageContaining("\"name\" must be a text, not a mapping");
        Path twoDocs = write("two.yaml", "- instruction: q1\n---\n- instruction: q2\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, twoDocs.toString()))
                .hasMessageContaining("two.yaml line 3: a second YAML document follows the first");
        Path dupLine = write("dup.jsonl", "{\"instruction\": \"q\"}\n{\"instruction\": \"a\", \"instruction\": \"b\"}\n");
        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, dupLine.toString()))
                .hasMessageContaining("dup.jsonl line 2: instruction is given twice");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeParsing() throws Exception {
        Path big = write("big.yaml", "- instruction: " + "a".repeat(dev.rubric.core.StructuredText.MAX_CHARS) + "\n");

        assertThatThrownBy(() -> CasesFile.load(CasesFileTest.class, big.toString()))
                .hasMessageContaining("big.yaml: the file has 4,194,320 characters, more than the 4,194,304");
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
