import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rootCertificates } from 'node:tls';

/** A certificate for the local gateway's TLS side, and the files function environments trust it through. */
export interface LocalCertificate {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate for `localhost`, `127.0.0.1` and `::1`. */
  readonly cert: string;
  /** The certificate alone (Node.js: `NODE_EXTRA_CA_CERTS` adds it to the default roots). */
  readonly certFile: string;
  /** Node.js's root certificates plus this one (Python: `AWS_CA_BUNDLE`, `REQUESTS_CA_BUNDLE` replace the roots). */
  readonly bundleFile: string;
}

/** How long the certificate is valid: longer than any local session. */
const VALIDITY_DAYS = 365;

/**
 * Makes a self-signed certificate for the loopback names, so that `https://127.0.0.1:<port>/…` and
 * `https://localhost:<port>/…` reach the gateway from functions that trust it (AWS SDK clients built with
 * `https://${domainName}/${stage}`), and writes it to `directory` for them. Nothing is added to the
 * machine's trust store. One key per gateway process (made once, ~0.3 s): later gateways reuse it.
 */
export async function createLocalCertificate(directory: string, dnsNames: readonly string[] = []): Promise<LocalCertificate> {
  const names = [...new Set(dnsNames)].sort();
  const cacheKey = names.join(',');
  let made = pairs.get(cacheKey);
  if (!made) pairs.set(cacheKey, (made = makeCertificate(names)));
  const { key, cert } = await made;
  const certFile = path.join(directory, 'apigw-local-cert.pem');
  const bundleFile = path.join(directory, 'apigw-local-ca-bundle.pem');
  await writeFile(certFile, cert, { mode: 0o644 });
  await writeFile(bundleFile, [...rootCertificates, cert].join('\n'), { mode: 0o644 });
  return { key, cert, certFile, bundleFile };
}

/** One certificate per set of extra names (custom domains), made once per process. */
const pairs = new Map<string, Promise<{ readonly key: string; readonly cert: string }>>();

async function makeCertificate(dnsNames: readonly string[]): Promise<{ key: string; cert: string }> {
  // node-forge lays out the certificate; it is loaded only when a WebSocket API needs TLS. Keys and the
  // signature come from node:crypto (native, much faster than forge's JavaScript RSA).
  const { default: forge } = await import('node-forge');
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive serial: the first bit clear.
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(now + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const name = [{ name: 'commonName', value: 'apigw-local' }, { name: 'organizationName', value: 'apigatewayv2-local' }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
        // The template's custom domain names (wildcards included), so https://{domain} verifies.
        ...dnsNames.map((value) => ({ type: 2, value })),
      ],
    },
  ]);
  // sha256WithRSAEncryption, signed over the DER of the to-be-signed part.
  const signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  certificate.signatureOid = signatureOid;
  certificate.siginfo.algorithmOid = signatureOid;
  // `getTBSCertificate` is part of node-forge's API but missing from its type definitions.
  const pki = forge.pki as typeof forge.pki & { getTBSCertificate(cert: typeof certificate): ReturnType<typeof forge.pki.certificateToAsn1> };
  const tbs = Buffer.from(forge.asn1.toDer(pki.getTBSCertificate(certificate)).getBytes(), 'binary');
  certificate.signature = sign('sha256', tbs, privateKey).toString('binary');
  return { key: privateKey, cert: forge.pki.certificateToPem(certificate) };
}
