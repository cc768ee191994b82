// Initial passwords for invited agents, made in the browser: the server stores only the hash and
// never sees a password the admin did not send.

/** No look-alikes (0/O, 1/l/I), so the password survives being read out or retyped. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%^&*-_=+?';

/** A random password of `length` characters (16 ≈ 98 bits), drawn without modulo bias. */
export function generatePassword(length = 16): string {
  const out: string[] = [];
  const limit = 256 - (256 % ALPHABET.length);
  const buf = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(buf);
    for (const b of buf) {
      if (b < limit && out.length < length) out.push(ALPHABET[b % ALPHABET.length]!);
    }
  }
  return out.join('');
}
