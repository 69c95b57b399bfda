/**
 * The judge front: the configuration ({@link dev.rubric.judge.JudgeConfig}, read once into one small settings record
 * per user), {@link dev.rubric.judge.Judges} (builds the configured judge, with the verdict cache in front), and the
 * helpers every backend shares. Depends on {@code core}, {@code prometheus} and {@code secret}; it finds the backends
 * ({@code judge.openai} in rubric-core, {@code judge.local} in rubric-local) through the
 * {@link dev.rubric.judge.JudgeBackend} service interface and so depends on neither.
 */
package dev.rubric.judge;
