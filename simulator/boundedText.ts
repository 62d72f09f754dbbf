/**
 * Text from a request, cut to `limit` characters with a marker that tells the original length, and copied.
 * The copy matters: V8 keeps a slice of a string as a view onto the whole original, so a 256-character slice of
 * a 15 KB path would keep the 15 KB alive for as long as the log holds the entry.
 */
export function boundedText(text: string, limit: number): string {
  const kept = text.length > limit ? `${text.slice(0, limit)}…(${text.length} characters)` : text;
  return Buffer.from(kept, 'utf8').toString('utf8');
}
