/** One method's verdict in an Authentication-Results header field: `dkim=pass header.d=example.cn`. */
export interface AuthenticationResult {
  /** Lower case: `dmarc`, `dkim`, `spf`, … */
  method: string;
  /** Lower case: `pass`, `fail`, `none`, … */
  result: string;
  /** By `ptype.property`, lower case (`header.from`, `smtp.mailfrom`); values as written, unquoted. */
  properties: Record<string, string>;
}

/** An Authentication-Results header field (RFC 8601): who evaluated the message, and what each method found. */
export interface AuthenticationResults {
  /** Lower case: the authserv-id of the host that added the field. */
  authservId: string;
  results: AuthenticationResult[];
}

const METHOD_SPEC = /^\s*([\w-]+)(?:\s*\/\s*\d+)?\s*=\s*([\w-]+)/;
/** A property, or a quoted string (a reason) matched whole so that no property is read from inside it. */
const PROPERTY_SPEC = /"(?:[^"\\]|\\.)*"|([\w-]+)\s*\.\s*([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s";]+)/g;

/**
 * Reads the value of an Authentication-Results header field. Comments are dropped and quoted strings
 * honoured, so `(comment; with=semicolons)` or a quoted property cannot forge a result; a value that
 * does not parse yields no results rather than a guess.
 */
export function parseAuthenticationResults(value: string): AuthenticationResults {
  const [head = '', ...resinfos] = splitOutsideQuotes(withoutComments(value), ';');
  const authservId = unquoted(head.trim().split(/\s+/)[0] ?? '').toLowerCase();
  const results = resinfos.flatMap((resinfo): AuthenticationResult[] => {
    const spec = METHOD_SPEC.exec(resinfo);
    if (!spec) return [];
    const rest = resinfo.slice(spec[0].length);
    const properties = Object.fromEntries(
      [...rest.matchAll(PROPERTY_SPEC)]
        .filter(([, ptype]) => ptype !== undefined)
        .map(([, ptype, property, pvalue]) => [`${ptype}.${property}`.toLowerCase(), unquoted(pvalue)]),
    );
    return [{ method: spec[1].toLowerCase(), result: spec[2].toLowerCase(), properties }];
  });
  return { authservId, results };
}

/** RFC 5322 comments, nested and with quoted pairs, outside quoted strings; each becomes a space. */
function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
    } else if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      if (depth === 0) out += ' ';
    } else if (c === '"') {
      quoted = !quoted;
      out += c;
    } else if (c === '(' && !quoted) {
      depth = 1;
    } else {
      out += c;
    }
  }
  return out;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && quoted) {
      current += c + (value[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  return [...parts, current];
}

function unquoted(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}
