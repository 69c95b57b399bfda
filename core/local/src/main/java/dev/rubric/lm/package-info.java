/**
 * Internal (no compatibility promise): the in-JVM language model behind the local judge: Mistral, Mixtral and Llama
 * checkpoints in Hugging Face layout, run on DJL's PyTorch engine. The only Rubric package that uses DJL.
 *
 * <ul>
 *   <li>{@link dev.rubric.lm.ModelConfig}: config.json;</li>
 *   <li>{@link dev.rubric.lm.SafetensorsFile} and {@link dev.rubric.lm.CheckpointWeights}: bounds-checked safetensors
 *       headers, shards through model.safetensors.index.json, memory-mapped tensors (never pickle);</li>
 *   <li>{@link dev.rubric.lm.HfTokenizer}: tokenizer.json through DJL's Hugging Face tokenizer, truncation off;</li>
 *   <li>{@link dev.rubric.lm.CausalLm}: the model ({@code load}, {@code logits}, {@code newBatch}), whose batches
 *       ({@link dev.rubric.lm.BatchDecoder}) prefill left-padded prompts and decode step by step against a KV cache
 *       allocated once.</li>
 * </ul>
 *
 * Errors while loading are {@link dev.rubric.lm.CheckpointException}s naming the file, the value and the way out.
 * This package depends on no other Rubric package: it is a model runtime, not a judge.
 */
package dev.rubric.lm;
