import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  it('defaults every part to an embedded server under .data', () => {
    const config = loadConfig({}, '/srv/engine');
    expect(config.dataDir).toBe('/srv/engine/.data');
    expect(config.database).toEqual({ kind: 'embedded', port: 54329, dataDir: '/srv/engine/.data/postgres' });
    expect(config.temporal).toEqual({
      namespace: 'default',
      taskQueue: 'duty-engine',
      server: { kind: 'embedded', port: 7233, uiPort: 8233, dbFile: '/srv/engine/.data/temporal/temporal.db' },
    });
    expect(config.mail.server).toEqual({ kind: 'embedded', port: 2525, inboxDir: '/srv/engine/.data/mail' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
  });

  it('swaps each part for an external one by its variable', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgresql://duty:secret@db.council.example:5432/duty_engine',
        TEMPORAL_ADDRESS: 'duty.a1b2c.tmprl.cloud:7233',
        TEMPORAL_NAMESPACE: 'duty.a1b2c',
        TEMPORAL_API_KEY: 'key-123',
        SMTP_URL: 'smtp://relay.council.example:587',
      },
      '/srv/engine',
    );
    expect(config.database).toEqual({ kind: 'external', url: 'postgresql://duty:secret@db.council.example:5432/duty_engine' });
    expect(config.temporal.namespace).toBe('duty.a1b2c');
    // An API key implies TLS, as Temporal Cloud requires (the Temporal settings in detail: tests/temporal/connectionOptions.test.ts).
    expect(config.temporal.server).toEqual({
      kind: 'external',
      connection: { address: 'duty.a1b2c.tmprl.cloud:7233', apiKey: 'key-123', tls: true },
    });
    expect(config.mail.server).toEqual({ kind: 'external', url: 'smtp://relay.council.example:587' });
  });

  it.each([
    [{ POSTGRES_PORT: 'abc' }, /POSTGRES_PORT="abc" is invalid: expected a whole number/],
    [{ HTTP_PORT: '70000' }, /HTTP_PORT="70000" is invalid: expected a port number from 1 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL="mysql:\/\/x" is invalid: expected a URL starting with postgresql:\/\/ or postgres:\/\//],
    [{ TEMPORAL_ADDRESS: 'http://temporal' }, /TEMPORAL_ADDRESS="http:\/\/temporal" is invalid: expected host:port/],
    [{ SMTP_URL: 'mailpit:1025' }, /SMTP_URL="mailpit:1025" is invalid: expected a URL starting with smtp:\/\//],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" is invalid: expected one of "debug", "info", "warn", "error"/],
    [{ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS: 'maybe' }, /TEMPORAL_TLS="maybe" is invalid: expected one of "true", "false"/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/srv')).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ POSTGRES_PORT: 'x', SMTP_PORT: '0' }, '/srv')).toThrow(/POSTGRES_PORT.*; SMTP_PORT/);
    expect(() => loadConfig({ POSTGRES_PORT: 'x', TEMPORAL_ADDRESS: 'http://t' }, '/srv')).toThrow(/POSTGRES_PORT.*; TEMPORAL_ADDRESS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '' }, '/srv').database.kind).toBe('embedded');
  });
});
