import { RuleViolation } from '@serviceledger/platform/core';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** Tags as they are kept: trimmed, without empties or repeats (case-insensitively), in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const tag of tags.map((t) => t.trim()).filter(Boolean)) {
    if (tag.length > MAX_TAG_LENGTH) throw new RuleViolation('tag-too-long', `A tag has at most ${MAX_TAG_LENGTH} characters: "${tag}"`);
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    kept.push(tag);
  }
  if (kept.length > MAX_TAGS) throw new RuleViolation('too-many-tags', `At most ${MAX_TAGS} tags; these are ${kept.length}`);
  return kept;
}
