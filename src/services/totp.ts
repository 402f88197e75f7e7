import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Mamori',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s — what every authenticator app supports). */
export const totp = {
  newSecret(): string {
    return new Secret({ size: 20 }).base32;
  },

  uri(secretBase32: string, label: string): string {
    return totpFor(secretBase32, label).toString();
  },

  /** QR code as an SVG data URL, rendered locally (closed hospital networks: no chart APIs). */
  async qrDataUrl(uri: string): Promise<string> {
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  },

  /**
   * Returns the time step the code belongs to (±1 step of clock drift accepted) or null. Callers
   * store the last accepted step and refuse it again, so a shoulder-surfed code cannot be replayed.
   */
  verify(secretBase32: string, code: string, at: Date): number | null {
    const delta = totpFor(secretBase32, 'x').validate({ token: code, timestamp: at.getTime(), window: 1 });
    if (delta === null) return null;
    return Math.floor(at.getTime() / 1000 / PERIOD) + delta;
  },

  /** Current code; used by tests and the demo, never by the login path. */
  generate(secretBase32: string, at: Date): string {
    return totpFor(secretBase32, 'x').generate({ timestamp: at.getTime() });
  },
};
