package dev.rubric.core;

import dev.rubric.prometheus.PrometheusFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RubricFileTest {

    @TempDir
    Path dir;

    private static final String TONE_CRITERIA = "Is the reply polite and warm?";
    private static final List<String> TONE_LEVELS = List.of("Rude or dismissive.", "Curt; answers but shows no care.",
            "Neutral and correct.", "Polite, with some warmth.", "Warm, polite and respectful throughout.");

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve("rubrics").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** Relative to the temp dir, so that messages show "rubrics/x.yaml" the way a user gives the path. */
    private Path relative(Path file) {
        return Path.of("").toAbsolutePath().relativize(file);
    }

    @Test
    void loadsAYamlRubricWithScoreNKeysAndNamesItAfterTheFile() throws IOException {
        Path file = write("tone.yaml", """
                criteria: Is the reply polite and warm?
                score1: Rude or dismissive.
                score2: "Curt; answers but shows no care."
                score3: Neutral and correct.
                score4: Polite, with some warmth.
                score5: >
                  Warm, polite and
                  respectful throughout.
                """);
        Rubric rubric = Rubric.load(file);
        assertThat(rubric).isEqualTo(new Rubric("tone", TONE_CRITERIA, TONE_LEVELS));
    }

    @Test
    void loadsAJsonRubricWithPrometheusDescriptionKeysAndAName() throws IOException {
        Path file = write("t.json", """
                {"name": "Tone", "criteria": "Is the reply polite and warm?",
                 "score1_description": "Rude or dismissive.",
                 "score2_description": "Curt; answers but shows no care.",
                 "score3_description": "Neutral and correct.",
                 "score4_description": "Polite, with some warmth.",
                 "score5_description": "Warm, polite and respectful throughout."}
                """);
        assertThat(Rubric.load(file)).isEqualTo(new Rubric("Tone", TONE_CRITERIA, TONE_LEVELS));
    }

    @Test
    void loadsAScoresList() throws IOException {
        Path file = write("tone.yml", """
                criteria: Is the reply polite and warm?
                scores:
                  - Rude or dismissive.
                  - "Curt; answers but shows no care."
                  - Neutral and correct.
                  - Polite, with some warmth.
                  - Warm, polite and respectful throughout.
                """);
        assertThat(Rubric.load(file)).isEqualTo(new Rubric("tone", TONE_CRITERIA, TONE_LEVELS));
    }

    @Test
    void loadsFromTheClasspath() {
        assertThat(Rubric.fromResource("rubrics/tone.yaml")).isEqualTo(new Rubric("tone", TONE_CRITERIA, TONE_LEVELS));
        assertThat(Rubric.fromResource("/rubrics/tone.yaml")).isEqualTo(Rubric.fromResource("rubrics/tone.yaml"));
    }

    @Test
    void aLoadedRubricRendersLikeTheSameRubricBuiltInCode() throws IOException {
        Path file = write("tone.yaml", "criteria: Is it kind?\nscores: [a, b, c, d, e]\n");
        AbsoluteGrading fromFile = new AbsoluteGrading("Q", "R", Rubric.load(file), null);
        AbsoluteGrading inCode = new AbsoluteGrading("Q", "R", Rubric.of("Is it kind?", "a", "b", "c", "d", "e"), null);
        assertThat(PrometheusFormat.get().modelInput(fromFile)).isEqualTo(PrometheusFormat.get().modelInput(inCode));
    }

    @Test
    void aMissingScoreNamesFileLineAndField() throws IOException {
        Path file = relative(write("tone.yaml", """
                criteria: Is the reply polite and warm?
                score1: a
                score2: b
                score3: c
                score5: e
                """));
        assertThatThrownBy(() -> Rubric.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 1: score4 is missing: a rubric needs descriptions for scores 1 to 5"
                        + " (score1 to score5)");
        assertThat(file.toString()).endsWith("rubrics/tone.yaml");
    }

    @Test
    void missingCriteriaIsNamed() throws IOException {
        Path file = write("c.yaml", "# my rubric\nscore1: a\n");
        assertThatThrownBy(() -> Rubric.load(file))
                .hasMessageStartingWith(file + " line 2: criteria is missing");
    }

    @Test
    void aBlankOrEmptyValueNamesItsLine() throws IOException {
        Path blank = write("b.yaml", "criteria: ok\nscore1: a\nscore2: '  '\nscore3: c\nscore4: d\nscore5: e\n");
        assertThatThrownBy(() -> Rubric.load(blank)).hasMessage(blank + " line 3: score2 is blank: give it a text");
        Path empty = write("e.yaml", "criteria:\nscore1: a\n");
        assertThatThrownBy(() -> Rubric.load(empty)).hasMessage(empty + " line 1: criteria is empty: give it a text");
    }

    @Test
    void aNonTextValueIsRejected() throws IOException {
        Path file = write("n.yaml", "criteria: ok\nscore1:\n  text: a\nscore2: b\n");
        assertThatThrownBy(() -> Rubric.load(file)).hasMessage(file + " line 2: score1 must be a text, not a mapping");
    }

    @Test
    void aScoresListOfTheWrongLengthIsRejected() throws IOException {
        Path file = write("s.yaml", "criteria: ok\n\nscores: [a, b, c, d]\n");
        assertThatThrownBy(() -> Rubric.load(file)).hasMessage(file + " line 3: scores has 4 entries: a rubric needs"
                + " descriptions for scores 1 to 5, a list of exactly five (score 1 first)");
        Path notList = write("s2.yaml", "criteria: ok\nscores: a b c d e\n");
        assertThatThrownBy(() -> Rubric.load(notList)).hasMessageContaining("line 2: scores must be a list");
    }

    @Test
    void scoresAndScoreNTogetherAreAmbiguous() throws IOException {
        Path file = write("m.yaml", "criteria: ok\nscores: [a, b, c, d, e]\nscore3: c\n");
        assertThatThrownBy(() -> Rubric.load(file)).hasMessageStartingWith(file + " line 3: score3 and scores:");
    }

    @Test
    void bothSpellingsOfOneScoreAreAmbiguous() throws IOException {
        Path file = write("d.yaml", "criteria: ok\nscore1: a\nscore1_description: a\n");
        assertThatThrownBy(() -> Rubric.load(file))
                .hasMessage(file + " line 3: score1_description repeats score1 (line 2): give one");
    }

    @Test
    void anUnknownFieldIsRejected() throws IOException {
        Path file = write("u.yaml", "critera: typo\n");
        assertThatThrownBy(() -> Rubric.load(file)).hasMessageStartingWith(file + " line 1: unknown field \"critera\"")
                .hasMessageContaining("criteria");
    }

    @Test
    void aDuplicateJsonFieldIsRejected() throws IOException {
        Path file = write("dup.json", "{\"criteria\": \"a\",\n \"criteria\": \"b\"}");
        assertThatThrownBy(() -> Rubric.load(file))
                .hasMessage(file + " line 2: criteria is given twice (also on line 1)");
    }

    @Test
    void anAliasOfATextIsRefusedWithItsLineNotReadAsTheAnchorsName() throws IOException {
        // before: score2 became the text "low"
        Path file = write("alias.yaml", """
                criteria: Is the answer polite?
                score1: &low Rude.
                score2: *low
                score3: Neutral.
                score4: Polite.
                score5: Warm and polite.
                """);

        assertThatThrownBy(() -> Rubric.load(file))
                .hasMessageStartingWith(file + " line 3: the alias *low is not read").hasMessageContaining("write the text out");
    }

    @Test
    void anAliasOfAListIsReadAsTheListItsAnchorMarks() throws IOException {
        Path file = write("list.yaml", """
                criteria: Is the answer polite?
                levels: &five [Rude., Curt., Neutral., Polite., Warm.]
                """.replace("levels", "scores"));

        assertThat(Rubric.load(file).scoreDescriptions()).containsExactly("Rude.", "Curt.", "Neutral.", "Polite.", "Warm.");
    }

    @Test
    void aSecondYamlDocumentAndAnOversizedFileAreRefused() throws IOException {
        Path two = write("two.yaml", "criteria: a\n---\ncriteria: b\n");
        assertThatThrownBy(() -> Rubric.load(two)).hasMessageStartingWith(two + " line ")
                .hasMessageContaining("a second YAML document follows the first");
        Path big = write("big.yaml", "criteria: " + "a".repeat(StructuredText.MAX_CHARS) + "\n");
        assertThatThrownBy(() -> Rubric.load(big)).hasMessageContaining(big + ": the file has 4,194,315 characters,"
                + " more than the 4,194,304 a rubric or cases file may hold");
    }

    @Test
    void aDuplicateYamlKeyIsRejectedWithBothLines() throws IOException {
        Path file = write("dup.yaml", "criteria: a\nscore1: x\ncriteria: b\n");
        assertThatThrownBy(() -> Rubric.load(file))
                .hasMessage(file + " line 3: criteria is given twice (also on line 1)");
    }

    @Test
    void malformedYamlAndJsonNameTheLine() throws IOException {
        Path yaml = write("bad.yaml", "criteria: ok\nscore1: [unclosed\nscore2: b\n");
        assertThatThrownBy(() -> Rubric.load(yaml)).hasMessageStartingWith(yaml + " line ")
                .hasMessageContaining("not valid YAML");
        Path json = write("bad.json", "{\"criteria\": \"ok\",\n\"score1\" \"a\"}");
        assertThatThrownBy(() -> Rubric.load(json)).hasMessageStartingWith(json + " line 2: not valid JSON");
    }

    @Test
    void anEmptyFileOrAListIsNotARubric() throws IOException {
        Path empty = write("empty.yaml", "");
        assertThatThrownBy(() -> Rubric.load(empty)).hasMessageStartingWith(empty + " line 1: the file is empty");
        Path list = write("list.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> Rubric.load(list)).hasMessageStartingWith(list + " line 1: a rubric file holds one"
                + " mapping, not a list");
    }

    @Test
    void anUnsupportedExtensionOrAMissingFileIsNamed() throws IOException {
        Path txt = write("tone.txt", "criteria: ok\n");
        assertThatThrownBy(() -> Rubric.load(txt)).hasMessage(txt + ": a rubric file must end in .yaml, .yml or"
                + " .json, not \".txt\"");
        Path missing = dir.resolve("rubrics/nope.yaml");
        assertThatThrownBy(() -> Rubric.load(missing)).hasMessageStartingWith("rubric file " + missing
                + " does not exist");
        assertThatThrownBy(() -> Rubric.fromResource("rubrics/nope.yaml"))
                .hasMessageStartingWith("no rubric resource rubrics/nope.yaml on the classpath");
    }
}
