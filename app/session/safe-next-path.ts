/** A same-site path to return to; anything else (absolute or protocol-relative URLs) is `/`. */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return value;
}
