/**
 * The goals of Rubric's Maven plugin ({@code check}, {@code report}, {@code baseline}, {@code rejudge} and the
 * aggregate goals). The plugin is no Java API: users rely on its goals, parameters and properties, documented in
 * docs/maven-plugin.md. Its classes are public only where Maven or another of its packages needs them, and marked
 * {@code @API(status = INTERNAL)}; they change without notice.
 *
 * <p>The packages, bottom first: {@code merge} (the results files of a build, merged), {@code scope} (the tests a
 * rule counts and their statistics), {@code baseline} (the comparison with a committed baseline), {@code gate} (the
 * rules and their violations), {@code rejudge} and {@code fork} (judging stored answers again in a judge process),
 * {@code text} and {@code report} (their words in the log and the HTML page), then the goals here.
 */
package dev.rubric.maven;
