// Field checks in the app, the same rules as the core's (models/src/validate/address.rs; both
// run the cases in models/testdata/addresses.json), so a value typed in a table is refused
// where the ledger import would refuse it.

/** Full-width ASCII (typed with an IME) as half-width; the ideographic space as a space. */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
}

function isIPv6(s: string): boolean {
  if (!s.includes(":") || /[^0-9a-fA-F:.]/.test(s)) return false;
  try {
    new URL(`http://[${s}]/`);
    return true;
  } catch {
    return false;
  }
}

function prefixOk(prefix: string | undefined, max: number): boolean {
  return prefix === undefined || (/^\+?\d+$/.test(prefix) && Number(prefix) <= max);
}

/**
 * One or more IPv4/IPv6 addresses, each with an optional /prefix, separated by ; , 、 spaces
 * or new lines. Empty is valid (the address is optional).
 */
export function isValidAddress(text: string): boolean {
  return foldWidth(text)
    .split(/[;,、 \n]/)
    .map((p) => p.trim())
    .filter((p) => p)
    .every((p) => {
      const slash = p.indexOf("/");
      const ip = slash < 0 ? p : p.slice(0, slash);
      const prefix = slash < 0 ? undefined : p.slice(slash + 1);
      if (isIPv4(ip)) return prefixOk(prefix, 32);
      if (isIPv6(ip)) return prefixOk(prefix, 128);
      return false;
    });
}

/** A name is required: something other than spaces. */
export function isPresent(text: unknown): boolean {
  return typeof text === "string" && text.trim().length > 0;
}

/** A calendar date written YYYY-MM-DD (the core's date), years 1900–9999. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(foldWidth(text).trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}
