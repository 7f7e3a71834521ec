import { describe, expect, it } from 'vitest';
import { readLaunchSettings } from './env';

describe('readLaunchSettings', () => {
  it('binds loopback on port 3000 by default; CRITIC_WEB_HOST opens it up', () => {
    expect(readLaunchSettings({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      origin: 'http://localhost:3000',
      localBase: 'http://127.0.0.1:3000',
    });
    expect(readLaunchSettings({ PORT: '8080', CRITIC_WEB_HOST: '0.0.0.0' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      origin: 'http://localhost:8080',
      localBase: 'http://127.0.0.1:8080',
    });
    expect(
      readLaunchSettings({ CRITIC_WEB_HOST: '::1', CRITIC_WEB_ORIGIN: 'https://rl.example' }),
    ).toMatchObject({ host: '::1', origin: 'https://rl.example', localBase: 'http://[::1]:3000' });
  });

  it('refuses a bad port or address, naming the variable', () => {
    expect(() => readLaunchSettings({ PORT: 'http' })).toThrow(
      /PORT must be an integer in 1\.\.65535, found "http"/,
    );
    expect(() => readLaunchSettings({ CRITIC_WEB_HOST: 'my laptop' })).toThrow(
      /CRITIC_WEB_HOST must be an IP address .* found "my laptop"/,
    );
    expect(() => readLaunchSettings({ CRITIC_WEB_ORIGIN: 'rl.example' })).toThrow(
      /CRITIC_WEB_ORIGIN must be a URL/,
    );
  });
});
