/**
 * Internal: the Hugging Face Hub client that finds a model's weights in the cache Python tools share, or downloads
 * them into it. It gets its settings and token as values ({@link dev.rubric.hub.HubSettings}), throws its own
 * {@link dev.rubric.hub.HubException}, and depends on {@code dev.rubric.secret} only. No compatibility promise.
 */
package dev.rubric.hub;
