/**
 * Internal: one warm judge per machine. With {@code rubric.judge.share=machine} the test JVMs of a machine share one
 * loaded model in a judge process ({@code JudgeProcess}) that the first of them starts and that stays warm for
 * {@code rubric.judge.idle-timeout} after the last: found through a registry of this user's processes
 * ({@code <state>/judges}), reached on 127.0.0.1 with a secret only this user can read, gradings and verdicts carried
 * exactly ({@code Wire}). Also the {@code rubric.judge=local} backend, which chooses between that process and the
 * model in the test JVM ({@code dev.rubric.judge.local}). Depends on {@code judge.local}, {@code judge}, {@code core},
 * {@code prometheus}, {@code secret} and {@code hub}. No compatibility promise.
 */
package dev.rubric.judge.process;
