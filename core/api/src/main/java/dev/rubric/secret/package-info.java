/**
 * Internal: the credential type ({@link dev.rubric.secret.Secret}) that the judge's configuration and the Hugging Face
 * downloader both hold, in a package below both so that neither depends on the other. No compatibility promise.
 */
package dev.rubric.secret;
