import { createHash, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The development identity provider's secrets, generated once and kept under the data folder so
 * that a restart keeps ID tokens verifiable and the client's credentials unchanged.
 */
export interface DevIdentityProviderState {
  /** Private signing keys (JWK) for ID tokens. */
  signingKeys: (JsonWebKey & { kid: string; alg: string; use: 'sig' })[];
  /** Keys signing the provider's own cookies. */
  cookieKeys: string[];
  /** TrustOps's client secret, for client_secret_basic. */
  clientSecret: string;
  /** TrustOps's client private key (PKCS#8 PEM), for private_key_jwt. */
  clientPrivateKeyPem: string;
}

const FILE_NAME = 'dev-identity-provider.json';

export function devIdentityProviderStatePath(dataDirectory: string): string {
  return join(dataDirectory, FILE_NAME);
}

export function loadOrCreateDevIdentityProviderState(dataDirectory: string): DevIdentityProviderState {
  const path = devIdentityProviderStatePath(dataDirectory);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DevIdentityProviderState;

  const state: DevIdentityProviderState = {
    signingKeys: [generateSigningKey()],
    cookieKeys: [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')],
    clientSecret: randomBytes(32).toString('base64url'),
    clientPrivateKeyPem: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
  mkdirSync(dataDirectory, { recursive: true });
  // Write then rename, so two processes starting together never read half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(temporary, path);
  chmodSync(path, 0o600);
  return JSON.parse(readFileSync(path, 'utf8')) as DevIdentityProviderState;
}

function generateSigningKey(): DevIdentityProviderState['signingKeys'][number] {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint as the key id.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: publicJwk.e, kty: publicJwk.kty, n: publicJwk.n }))
    .digest('base64url');
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}
