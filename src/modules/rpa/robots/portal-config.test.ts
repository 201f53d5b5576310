import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadPortalConfig, OPERADORAS, PortalConfigError } from './portal-config.js';

test('the shipped config/portals.json is valid and configures no portal', () => {
  const config = loadPortalConfig();
  for (const operadora of OPERADORAS) assert.equal(config.operadoras[operadora].baseUrl, '');
  assert.equal(config.sat.baseUrl, '');
  assert.ok(Object.isFrozen(config.operadoras.OI.selectors));
});

test('overrides replace only what they name', () => {
  const config = loadPortalConfig(undefined, {
    operadoras: { VIVO: { baseUrl: 'http://127.0.0.1:4010', timeouts: { actionMs: 2000 } } },
    sat: { baseUrl: 'https://sat.example.com.br' },
  });
  assert.equal(config.operadoras.VIVO.baseUrl, 'http://127.0.0.1:4010');
  assert.equal(config.operadoras.VIVO.timeouts.actionMs, 2000);
  assert.equal(config.operadoras.VIVO.timeouts.downloadMs, loadPortalConfig().operadoras.VIVO.timeouts.downloadMs);
  assert.equal(config.operadoras.VIVO.selectors.loginField, '#email');
  assert.equal(config.operadoras.OI.baseUrl, '');
  assert.equal(config.sat.baseUrl, 'https://sat.example.com.br');
});

test('an invalid value is refused, naming the field', () => {
  assert.throws(
    () => loadPortalConfig(undefined, { operadoras: { OI: { baseUrl: 'ftp://portal' } } }),
    (error: unknown) => error instanceof PortalConfigError && /\/operadoras\/OI\/baseUrl/.test(error.message),
  );
  assert.throws(
    () => loadPortalConfig(undefined, { sat: { selectors: { protocolo: '' } } }),
    (error: unknown) => error instanceof PortalConfigError && /\/sat\/selectors\/protocolo/.test(error.message),
  );
});

test('a file that is missing, not JSON, or lacks an operadora is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portais-'));
  try {
    assert.throws(() => loadPortalConfig(path.join(dir, 'nada.json')), PortalConfigError);
    const broken = path.join(dir, 'quebrado.json');
    fs.writeFileSync(broken, '{ "operadoras": ');
    assert.throws(() => loadPortalConfig(broken), /Não foi possível ler/);
    const partial = path.join(dir, 'parcial.json');
    const shipped = JSON.parse(fs.readFileSync(new URL('../../../../config/portals.json', import.meta.url), 'utf8'));
    delete shipped.operadoras.DIGITALNET;
    fs.writeFileSync(partial, JSON.stringify(shipped));
    assert.throws(() => loadPortalConfig(partial), /DIGITALNET|operadoras/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
