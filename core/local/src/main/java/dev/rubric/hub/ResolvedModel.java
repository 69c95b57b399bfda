package dev.rubric.hub;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where the judge's weights are, and what they are.
 *
 * @param directory the folder holding config.json, tokenizer.json and the safetensors weights (for a Hub model, the
 *                  cache's {@code snapshots/<commit>} folder)
 * @param model     the Hub id ({@code org/name}) or, for a directory, its file name
 * @param commit    the Hub commit the weights come from; empty for a directory
 */
@API(status = INTERNAL, since = "0.1")
public record ResolvedModel(Path directory, String model, Optional<String> commit) {
}
