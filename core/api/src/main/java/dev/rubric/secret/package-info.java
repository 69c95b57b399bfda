/**
 * Internal: the credential type ({@link dev.rubric.secret.Secret}) that the judge's configuration and the Hugging Face
 * downloader both hold, and the one redaction point ({@link dev.rubric.secret.Redaction}) that blanks every credential
 * out of text from outside; at the bottom of the layers, so that the API's exceptions and verdicts redact where they
 * are made. No compatibility promise.
 */
package dev.rubric.secret;
