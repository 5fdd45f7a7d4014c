import { createHash } from 'node:crypto';
import type { DocumentSignature } from '@trustops/contracts';

/** Hex SHA-256 of the document's Markdown as UTF-8: what an approval signs. */
export function contentSha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** The latest signature covers exactly this content (any edit after approval breaks it). */
export function signatureCovers(signatures: readonly DocumentSignature[], content: string): boolean {
  const latest = signatures.at(-1);
  return latest !== undefined && latest.contentSha256 === contentSha256(content);
}
