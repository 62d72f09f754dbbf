/**
 * The one parser of the URLs a user writes: callback URLs, and the API's base URL. What the user writes is what is
 * sent. A URL that a parser would read differently from its text (a dot segment dropped, an IPv4 address in another
 * notation, a full-width letter folded, a default port removed, a character percent-encoded) is refused with the
 * form to write instead; the only changes taken are lower-casing the scheme and the host, and `/` for an empty path.
 */
import { accept, refuse, type Checked } from './checked';
import { describeValue, hasInvisible, type Quote } from './quoting';

/** Sinch's own limit is undocumented; a URL longer than this is almost surely a mistake. */
export const MAX_URL_LENGTH = 2048;

/** The user and password of a URL, up to the "@" of its authority. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/*)[^/?#@]*@/i;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
/** Hosts that never leave the machine, as written: plain http to them carries nothing across a network. */
const LOOPBACK_HOSTS = new RegExp(`^(?:localhost|127(?:\\.${OCTET}){3}|\\[::1\\])$`, 'i');

/** True for a host name that never leaves the machine: plain http to it carries nothing across a network. */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.test(hostname);

/** A label of a DNS name as hosts are named: letters, digits, hyphens (not at an end), and underscores. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
/** What a URL parser takes for a number in a host's last label, and so for an IPv4 address in some notation. */
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|\d+)$/i;
/** A character RFC 3986 allows in no path or query (`%` starts an escape, checked on its own). */
const NOT_PATH_OR_QUERY = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/u;
const BROKEN_ESCAPE = /%(?![0-9a-f]{2})/i;
/** A path segment that is `.` or `..`, written plainly or percent-encoded. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

type Purpose = 'callback' | 'base';

interface Parts {
  scheme: string;
  authority: string;
  rest: string;
}

const EXAMPLES: Record<Purpose, string> = {
  callback: 'https://voice.example.com/sinch',
  base: 'https://callingapi.sinch.com',
};

const notAbsolute = (shown: string, purpose: Purpose): string =>
  purpose === 'base'
    ? `must be an absolute http(s) URL such as ${EXAMPLES.base}; got ${shown}`
    : `${shown} is not an absolute URL such as ${EXAMPLES.callback}`;

/** The scheme and what follows `//`, or the reason the text is not an absolute http(s) URL. */
function split(text: string, shown: string, purpose: Purpose, quote: Quote): Checked<Parts> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  if (scheme === undefined || !/^https?$/i.test(scheme)) {
    return scheme === undefined
      ? refuse(notAbsolute(shown, purpose))
      : refuse(`${shown} must use https (got ${quote(scheme.slice(0, 20).toLowerCase()).replace(/^"(.*)"$/, '$1')})`);
  }
  const afterScheme = text.slice(scheme.length + 1);
  // A parser would add the missing slashes of "https:host", or drop the extra one of "https:///host".
  if (!afterScheme.startsWith('//') || afterScheme.startsWith('///'))
    return refuse(`${shown} must have exactly "//" and a host after "${scheme.toLowerCase()}:"`);
  const remainder = afterScheme.slice(2);
  const end = remainder.search(/[/?#]/);
  const authority = end < 0 ? remainder : remainder.slice(0, end);
  return accept({ scheme: scheme.toLowerCase(), authority, rest: end < 0 ? '' : remainder.slice(end) });
}

/** The host (lower-cased) and port of an authority, each as written; or the reason they cannot be sent as written. */
function hostAndPort(
  authority: string,
  shown: string,
  quote: Quote,
): Checked<{ host: string; port: string | undefined }> {
  if (authority.includes('@'))
    return refuse(
      `must not carry credentials or a user name before "@" (they would be stored in plain text in the Pulumi state); give the URL without them`,
    );
  const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  const [, host = '', port] = bracketed ?? /^([^:]*)(?::(.*))?$/.exec(authority) ?? [];
  if (host === '') return refuse(`${shown} has no host`);
  if (port !== undefined && !/^[1-9]\d{0,4}$/.test(port))
    return refuse(
      `${shown} has port ${quote(port.slice(0, 10))}: a port is a number from 1 to 65535, without leading zeros`,
    );
  if (port !== undefined && Number(port) > 65535) return refuse(`${shown} has port ${port}: the largest is 65535`);
  if (host.includes('%'))
    return refuse(`${shown} has a percent-encoded host: write the host's name plainly, such as voice.example.com`);
  if (bracketed) {
    // An IPv6 address: the parser writes it in its shortest form, which the comparison with what was written checks.
    if (!/^\[[0-9a-f:.]+\]$/i.test(host)) return refuse(`${shown} has a host in brackets that is not an IPv6 address`);
    return accept({ host: host.toLowerCase(), port });
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(host)) {
    return refuse(
      `${shown} has a host with characters outside ASCII: an internationalized domain name is taken only in its punycode form (xn--…)${readAs(host, quote)}`,
    );
  }
  // One trailing dot names the same host fully qualified; a parser keeps it as written.
  const labels = (host.endsWith('.') && host.length > 1 ? host.slice(0, -1) : host).split('.');
  if (NUMERIC_LABEL.test(labels[labels.length - 1] as string)) {
    // A parser reads 010.10.10.10, 0x0a000001, 167772161 and 10.1 as IPv4 addresses, each another than written.
    return DOTTED_QUAD.test(host)
      ? accept({ host, port })
      : refuse(
          `${shown} has a host that a URL parser reads as an IPv4 address in another notation${readAs(host, quote)}: write an IPv4 address as four decimal numbers from 0 to 255 without leading zeros`,
        );
  }
  if (labels.some((label) => label === ''))
    return refuse(`${shown} has an empty part in its host name (a leading, trailing or doubled dot)`);
  if (host.length > 253 || !labels.every((label) => LABEL.test(label)))
    return refuse(
      `${shown} has a host that is not a DNS name (labels of letters, digits and hyphens, 63 characters at most each)`,
    );
  return accept({ host: host.toLowerCase(), port });
}

/** How a URL parser reads a host, when that can be said: the reason then names the host it would reach. */
function readAs(host: string, quote: Quote): string {
  try {
    const hostname = new URL(`https://${host}/`).hostname;
    return hostname === host ? '' : ` (it reads it as ${quote(hostname)})`;
  } catch {
    return '';
  }
}

/** The path and query as written, or why they cannot be sent as written. */
function pathAndQuery(rest: string, shown: string, purpose: Purpose, quote: Quote): Checked<string> {
  if (rest.includes('#'))
    return refuse(
      `${shown} has a fragment ("#…"): it is never sent to a server, so Sinch would call another URL than written; leave it out`,
    );
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  if (purpose === 'base' && queryAt >= 0) return refuse(`${shown} has a query ("?…"); a base URL takes none`);
  const bad = NOT_PATH_OR_QUERY.exec(rest)?.[0];
  if (bad !== undefined) return refuse(`${shown} contains ${quote(bad)}, which a URL must carry percent-encoded`);
  if (BROKEN_ESCAPE.test(rest))
    return refuse(
      `${shown} has a "%" that does not start an escape of two hexadecimal digits (write "%" itself as %25)`,
    );
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment)))
    return refuse(
      `${shown} has a "." or ".." path segment (plain or percent-encoded), which a URL parser removes: write the path it leads to`,
    );
  return accept(rest);
}

function checkUrl(value: unknown, quote: Quote, purpose: Purpose): Checked<string> {
  if (typeof value !== 'string' || value === '')
    return refuse(`must be an absolute https URL such as ${EXAMPLES[purpose]}; got ${quote(value)}`);
  // A password in a refused URL is not repeated in the reason, which ends up in logs.
  const shown = quote(value.replace(USERINFO, '$1…@'));
  if (value.length > MAX_URL_LENGTH) return refuse(`${shown} is longer than ${MAX_URL_LENGTH} characters`);
  if (hasInvisible(value)) return refuse(`${shown} contains a control or invisible character (such as a line break)`);
  if (/\s/.test(value)) return refuse(`${shown} contains spaces`);
  if (value.includes('\\')) return refuse(`${shown} contains a backslash`);
  const parts = split(value, shown, purpose, quote);
  if (!parts.ok) return parts;
  const { scheme, authority, rest } = parts.value;
  const place = hostAndPort(authority, shown, quote);
  if (!place.ok) return place;
  const { host, port } = place.value;
  if (scheme === 'http' && !isLoopbackHost(host))
    return refuse(
      purpose === 'base'
        ? `must use https: ${shown} would send the credentials across the network in clear text (plain http is allowed only for localhost, 127.0.0.0/8 and [::1], such as the simulator)`
        : `${shown} must use https; plain http is allowed only for localhost, 127.0.0.0/8 and [::1]`,
    );
  const tail = pathAndQuery(rest, shown, purpose, quote);
  if (!tail.ok) return tail;
  // Lower-cased scheme and host, and "/" for an empty path: the only changes taken. Anything else a parser would
  // change is refused, showing what it would send.
  const path = `${tail.value.startsWith('/') ? '' : '/'}${tail.value}`;
  const written = `${scheme}://${host}${port === undefined ? '' : `:${port}`}${path}`;
  // The API's own address may name its default port: the connection goes to the same place either way.
  const defaultPort = purpose === 'base' && port === (scheme === 'https' ? '443' : '80');
  let parsed: string;
  try {
    parsed = new URL(value).href;
  } catch {
    return refuse(notAbsolute(shown, purpose));
  }
  if (parsed !== (defaultPort ? `${scheme}://${host}${path}` : written))
    return refuse(
      `${shown} would not be sent as written: a URL parser reads it as ${quote(parsed)}; write that if it is what you mean`,
    );
  return accept(written);
}

/**
 * A callback URL: absolute https (http only to loopback as written), a host that is a DNS name of ASCII labels, a
 * dotted-decimal IPv4 address or a bracketed IPv6 address, port 1 to 65535, no user information, no fragment, no dot
 * segments, no control or invisible characters, at most 2048 characters; answered as it is stored and sent.
 */
export const checkCallbackUrl = (value: unknown, quote: Quote = describeValue): Checked<string> =>
  checkUrl(value, quote, 'callback');

/** The API's base URL: the rules of a callback URL, and no query; a path (a proxy's prefix) is kept. */
export const checkBaseUrl = (value: unknown, quote: Quote = describeValue): Checked<string> =>
  checkUrl(value, quote, 'base');
