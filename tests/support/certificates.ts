import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ThrowawayPki {
  /** The CA certificate that signed both certificates below. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The DNS name in the server certificate (not 127.0.0.1, so connecting needs the server-name override). */
  serverName: string;
  /** The common name of the client certificate. */
  clientName: string;
}

/**
 * A throw-away CA with a server and a client certificate (EC P-256, valid one day), written by
 * `openssl` into `dir`. Extensions are what strict verifiers (rustls in the worker's native
 * connection) demand: a CA with basicConstraints, leaves with subjectAltName and extendedKeyUsage.
 */
export function makeThrowawayPki(dir: string, serverName = 'temporal.council.test', clientName = 'duty-engine-worker'): ThrowawayPki {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

  openssl('req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Duty engine test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const leaf = (name: string, commonName: string, usage: 'serverAuth' | 'clientAuth') => {
    openssl('req', '-new', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${commonName}`);
    fs.writeFileSync(
      file(`${name}.ext`),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=${usage}\nsubjectAltName=DNS:${commonName}\n`,
    );
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1',
      '-extfile', `${name}.ext`, '-out', `${name}.pem`);
  };
  leaf('server', serverName, 'serverAuth');
  leaf('client', clientName, 'clientAuth');

  return {
    caCert: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server.key'),
    clientCert: file('client.pem'),
    clientKey: file('client.key'),
    serverName,
    clientName,
  };
}
