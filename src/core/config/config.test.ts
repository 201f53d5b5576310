import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has the documented defaults and is frozen', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8000);
    assert.equal(config.host, '127.0.0.1');
    assert.match(config.databaseUrl, /^sqlite:.*retaguarda\.db$/);
    assert.equal(config.timeZone, 'America/Sao_Paulo');
    assert.deepEqual([...config.modules], ['fiados', 'rpa', 'faturas', 'fiscal', 'atendimento']);
    assert.ok(Object.isFrozen(config));
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '9001', FIADOS_AUTO_NUMBERS: 'false', MODULES: 'fiados, rpa' });
    assert.equal(config.port, 9001);
    assert.equal(config.fiados.autoNumbers, false);
    assert.deepEqual([...config.modules], ['fiados', 'rpa']);
  });

  it('stops on an invalid value naming the variable', () => {
    assert.throws(() => loadConfig({ PORT: 'abc' }), (e: Error) => e instanceof ConfigError && e.message.startsWith('PORT'));
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ MODULES: 'fiados,estoque' }), /MODULES: módulo desconhecido 'estoque'/);
    assert.throws(() => loadConfig({ APP_TZ: 'Marte/Base' }), /APP_TZ/);
    assert.throws(() => loadConfig({ SECRET_KEY: 'curta' }), /SECRET_KEY/);
  });
});
