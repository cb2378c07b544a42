// The TLS certificate of an https portal: days until expiry, whether it is issued for the
// portal's hostname, whether it chains to a trusted CA.
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';

export interface TlsCheckResult {
  host: string;
  port: number;
  /** Set when no certificate could be read (connection refused, handshake failure, timeout). */
  error?: string;
  subject?: string;
  issuer?: string;
  altNames?: string;
  validFrom?: string;
  validTo?: string;
  /** SHA-256 fingerprint of the leaf certificate. */
  fingerprint?: string;
  /** Whether the chain verifies against the trusted CAs (Node's bundle, or the portal's caFile). */
  trusted?: boolean;
  /** Why the chain does not verify (e.g. SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED). */
  trustError?: string;
  /** Whether the certificate names the host (tls.checkServerIdentity). */
  hostnameMatches?: boolean;
  hostnameError?: string;
}

export interface TlsCheckOptions {
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | string[];
}

function name(entity: PeerCertificate['subject'] | undefined): string | undefined {
  if (!entity) return undefined;
  return Object.entries(entity)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** Connects to the URL's host, reads the certificate and checks it; never throws. */
export function checkTls(url: string, options: TlsCheckOptions = {}): Promise<TlsCheckResult> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = Number(parsed.port || 443);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: TlsCheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    // Verification is done here, not by the handshake: an expired or mismatched certificate must
    // still be read to be reported.
    const socket = connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => done({ host, port, error: `no TLS handshake within ${timeoutMs} ms` }), timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => done({ host, port, error: error.code ? `${error.code}: ${error.message}` : error.message }));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert || !Object.keys(cert).length) {
        done({ host, port, error: 'the server sent no certificate' });
        return;
      }
      const identity = checkServerIdentity(host, cert);
      const trustError = socket.authorizationError
        ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError)
        : undefined;
      done({
        host,
        port,
        subject: name(cert.subject),
        issuer: name(cert.issuer),
        altNames: cert.subjectaltname,
        validFrom: new Date(cert.valid_from).toISOString(),
        validTo: new Date(cert.valid_to).toISOString(),
        fingerprint: cert.fingerprint256,
        trusted: socket.authorized,
        trustError,
        hostnameMatches: identity === undefined,
        hostnameError: identity?.message,
      });
    });
  });
}

/** Whole days until the certificate expires (negative once it has). */
export function daysLeft(result: Pick<TlsCheckResult, 'validTo'>, now: Date): number | undefined {
  if (!result.validTo) return undefined;
  return Math.floor((Date.parse(result.validTo) - now.getTime()) / 86_400_000);
}
