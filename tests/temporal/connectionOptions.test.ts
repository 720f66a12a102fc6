import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import type { TemporalConnectionOptions } from '../../src/temporal/connectionOptions';

// Every Temporal setting, from the environment and from a temporal.toml profile, as it reaches the
// options the client's Connection and the worker's NativeConnection are given (tls.test.ts connects with them).

let dir: string;
const bytes = (text: string) => Buffer.from(text);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-settings-'));
  fs.mkdirSync(path.join(dir, 'certs'));
  fs.writeFileSync(path.join(dir, 'certs', 'ca.pem'), 'THE CA');
  fs.writeFileSync(path.join(dir, 'certs', 'client.pem'), 'THE CLIENT CERT');
  fs.writeFileSync(path.join(dir, 'certs', 'client.key'), 'THE CLIENT KEY');
  fs.writeFileSync(
    path.join(dir, 'temporal.toml'),
    `
[profile.default]
address = "localhost:7233"

[profile.cloud]
address = "duty.a1b2c.tmprl.cloud:7233"
namespace = "duty.a1b2c"
api_key = "cloud-key"

[profile.mtls]
address = "temporal.council.example:7233"
namespace = "duties"
[profile.mtls.tls]
server_name = "temporal.internal"
server_ca_cert_path = "certs/ca.pem"
client_cert_path = "certs/client.pem"
client_key_path = "certs/client.key"
[profile.mtls.grpc_meta]
x-council = "tower-hamlets"

[profile.inline]
address = "temporal.council.example:7233"
[profile.inline.tls]
server_ca_cert_data = "INLINE CA"
client_cert_data = "INLINE CERT"
client_key_data = "INLINE KEY"

[profile.namespace-only]
namespace = "duties"
`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function temporalOf(env: Record<string, string>) {
  return loadConfig(env, dir).temporal;
}

function connectionOf(env: Record<string, string>): TemporalConnectionOptions {
  const { server } = temporalOf(env);
  if (server.kind !== 'external') throw new Error(`expected an external server, got ${JSON.stringify(server)}`);
  return server.connection;
}

describe('from environment variables', () => {
  it('takes the address and namespace, in plain text unless TLS is asked for', () => {
    expect(temporalOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'duties' })).toMatchObject({
      namespace: 'duties',
      server: { kind: 'external', connection: { address: 'temporal:7233' } },
    });
    expect(connectionOf({ TEMPORAL_ADDRESS: 'temporal:7233' }).tls).toBeUndefined();
  });

  it('turns TLS on with TEMPORAL_TLS, trusting the system CAs', () => {
    expect(connectionOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS: 'true' }).tls).toEqual({});
    expect(connectionOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS: '1' }).tls).toEqual({});
  });

  it('overrides the server name', () => {
    expect(connectionOf({ TEMPORAL_ADDRESS: '10.0.0.5:7233', TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' }).tls).toEqual({
      serverNameOverride: 'temporal.internal',
    });
  });

  it('reads the CA and the client certificate and key (mTLS), relative to the working directory', () => {
    const connection = connectionOf({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: 'certs/ca.pem',
      TEMPORAL_TLS_CLIENT_CERT_PATH: 'certs/client.pem',
      TEMPORAL_TLS_CLIENT_KEY_PATH: path.join(dir, 'certs/client.key'),
    });
    expect(connection.tls).toEqual({
      serverRootCACertificate: bytes('THE CA'),
      clientCertPair: { crt: bytes('THE CLIENT CERT'), key: bytes('THE CLIENT KEY') },
    });
  });

  it('takes certificates inline', () => {
    const connection = connectionOf({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_TLS_CLIENT_CERT_DATA: 'ENV CERT',
      TEMPORAL_TLS_CLIENT_KEY_DATA: 'ENV KEY',
    });
    expect(connection.tls).toEqual({ clientCertPair: { crt: bytes('ENV CERT'), key: bytes('ENV KEY') } });
  });

  it('sends an API key over TLS (as Temporal Cloud requires) unless TLS is turned off explicitly', () => {
    expect(connectionOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_API_KEY: 'key-1' })).toEqual({
      address: 'temporal:7233',
      apiKey: 'key-1',
      tls: true,
    });
    expect(connectionOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_API_KEY: 'key-1', TEMPORAL_TLS: 'false' }).tls).toBe(false);
  });

  it('adds gRPC metadata from TEMPORAL_GRPC_META_*', () => {
    expect(connectionOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_GRPC_META_X_COUNCIL: 'tower-hamlets' }).metadata).toEqual({
      'x-council': 'tower-hamlets',
    });
  });
});

describe('from a temporal.toml profile', () => {
  const file = () => path.join(dir, 'temporal.toml');

  it('uses the default profile of TEMPORAL_CONFIG_FILE', () => {
    expect(connectionOf({ TEMPORAL_CONFIG_FILE: file() })).toEqual({ address: 'localhost:7233' });
  });

  it('finds the file where the Temporal CLI keeps it (~/.config/temporalio/temporal.toml)', () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(path.join(home, '.config', 'temporalio'), { recursive: true });
    fs.copyFileSync(file(), path.join(home, '.config', 'temporalio', 'temporal.toml'));
    expect(temporalOf({ HOME: home, TEMPORAL_PROFILE: 'cloud' })).toMatchObject({
      namespace: 'duty.a1b2c',
      server: { kind: 'external', connection: { address: 'duty.a1b2c.tmprl.cloud:7233', apiKey: 'cloud-key', tls: true } },
    });
  });

  it('takes every TLS setting and the gRPC metadata from the profile TEMPORAL_PROFILE names', () => {
    expect(temporalOf({ TEMPORAL_CONFIG_FILE: file(), TEMPORAL_PROFILE: 'mtls' })).toEqual(
      expect.objectContaining({
        namespace: 'duties',
        server: {
          kind: 'external',
          connection: {
            address: 'temporal.council.example:7233',
            tls: {
              serverNameOverride: 'temporal.internal',
              serverRootCACertificate: bytes('THE CA'),
              clientCertPair: { crt: bytes('THE CLIENT CERT'), key: bytes('THE CLIENT KEY') },
            },
            metadata: { 'x-council': 'tower-hamlets' },
          },
        },
      }),
    );
  });

  it('takes inline certificates', () => {
    expect(connectionOf({ TEMPORAL_CONFIG_FILE: file(), TEMPORAL_PROFILE: 'inline' }).tls).toEqual({
      serverRootCACertificate: bytes('INLINE CA'),
      clientCertPair: { crt: bytes('INLINE CERT'), key: bytes('INLINE KEY') },
    });
  });

  it('lets environment variables override the profile', () => {
    const temporal = temporalOf({
      TEMPORAL_CONFIG_FILE: file(),
      TEMPORAL_PROFILE: 'mtls',
      TEMPORAL_ADDRESS: 'other:7233',
      TEMPORAL_NAMESPACE: 'elsewhere',
      TEMPORAL_TLS_SERVER_NAME: 'other.internal',
      TEMPORAL_GRPC_META_X_COUNCIL: '',
    });
    expect(temporal.namespace).toBe('elsewhere');
    expect(temporal.server).toMatchObject({
      connection: { address: 'other:7233', tls: { serverNameOverride: 'other.internal', serverRootCACertificate: bytes('THE CA') }, metadata: {} },
    });
    expect(connectionOf({ TEMPORAL_CONFIG_FILE: file(), TEMPORAL_PROFILE: 'mtls', TEMPORAL_TLS: 'false' }).tls).toBe(false);
  });
});

describe('the embedded server', () => {
  it('is started when neither the environment nor a profile names an address', () => {
    expect(temporalOf({}).server.kind).toBe('embedded');
    expect(temporalOf({ HOME: path.join(dir, 'no-such-home') }).server.kind).toBe('embedded');
    expect(temporalOf({ TEMPORAL_CONFIG_FILE: '/dev/null' }).server.kind).toBe('embedded');
  });

  it('serves the namespace a profile names', () => {
    expect(temporalOf({ TEMPORAL_CONFIG_FILE: path.join(dir, 'temporal.toml'), TEMPORAL_PROFILE: 'namespace-only' })).toMatchObject({
      namespace: 'duties',
      server: { kind: 'embedded' },
    });
  });
});

describe('a bad setting stops the start with one line naming it', () => {
  const badToml = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it.each<[string, () => Record<string, string>, RegExp]>([
    ['an address that is not host:port', () => ({ TEMPORAL_ADDRESS: 'http://temporal' }), /^TEMPORAL_ADDRESS="http:\/\/temporal" is invalid: expected host:port/],
    [
      'a bad address in a profile',
      () => ({ TEMPORAL_CONFIG_FILE: badToml('bad-address.toml', '[profile.default]\naddress = "temporal"\n') }),
      /^address="temporal" in profile "default" of .*bad-address\.toml is invalid: expected host:port/,
    ],
    [
      'a TLS switch of the wrong type in a profile',
      () => ({ TEMPORAL_CONFIG_FILE: badToml('bad-tls.toml', '[profile.default]\naddress = "t:7233"\ntls.disabled = "no"\n') }),
      /^tls\.disabled="no" in profile "default" of .*bad-tls\.toml is invalid: expected a boolean$/,
    ],
    ['a TLS switch other SDKs would read differently', () => ({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS: 'yes' }), /^TEMPORAL_TLS="yes" is invalid: expected one of "true", "false", "1", "0"$/],
    ['an unreadable CA file', () => ({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS_SERVER_CA_CERT_PATH: 'certs/missing.pem' }), /^TEMPORAL_TLS_SERVER_CA_CERT_PATH=certs\/missing\.pem \(.*\/certs\/missing\.pem\) cannot be read: ENOENT$/],
    [
      'an unreadable client key named in a profile',
      () => ({
        TEMPORAL_CONFIG_FILE: badToml('bad-key.toml', '[profile.default]\naddress = "t:7233"\ntls.client_cert_path = "certs/client.pem"\ntls.client_key_path = "nope.key"\n'),
      }),
      /^tls\.client_key_path=nope\.key \(.*\/nope\.key\) in profile "default" of .*bad-key\.toml cannot be read: ENOENT$/,
    ],
    ['a client certificate without its key', () => ({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS_CLIENT_CERT_PATH: 'certs/client.pem' }), /^TEMPORAL_TLS_CLIENT_CERT_PATH is set without TEMPORAL_TLS_CLIENT_KEY_PATH: mutual TLS needs both/],
    ['TLS settings without an address', () => ({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS_SERVER_NAME: 's' }), /^TEMPORAL_API_KEY, TEMPORAL_TLS_SERVER_NAME configure an external Temporal server: set TEMPORAL_ADDRESS/],
    ['a profile that does not exist', () => ({ TEMPORAL_CONFIG_FILE: path.join(dir, 'temporal.toml'), TEMPORAL_PROFILE: 'prod' }), /^TEMPORAL_PROFILE="prod" is invalid: .*temporal\.toml has no \[profile\.prod\]$/],
    ['a missing config file', () => ({ TEMPORAL_CONFIG_FILE: path.join(dir, 'absent.toml') }), /^TEMPORAL_CONFIG_FILE=.*absent\.toml cannot be read: ENOENT$/],
    ['a config file that is not TOML', () => ({ TEMPORAL_CONFIG_FILE: badToml('broken.toml', '[profile.default\n') }), /^.*broken\.toml cannot be read as Temporal client configuration: Invalid TOML document/],
    ['the project’s former variable names', () => ({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS_CA_PATH: 'ca.pem' }), /^TEMPORAL_TLS_CA_PATH is no longer read: use TEMPORAL_TLS_SERVER_CA_CERT_PATH/],
    ['host verification turned off', () => ({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'true' }), /^TEMPORAL_TLS_DISABLE_HOST_VERIFICATION is not supported by the TypeScript SDK/],
  ])('%s', (_case, env, message) => {
    const error = (() => {
      try {
        loadConfig(env(), dir);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never repeats a secret in the message', () => {
    const file = badToml('numeric-key.toml', '[profile.default]\naddress = "t:7233"\napi_key = 918273645\n');
    expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: file }, dir)).toThrow(/^api_key in profile "default" of .*numeric-key\.toml is invalid: expected/);
    expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: file }, dir)).not.toThrow(/918273645/);
  });
});
