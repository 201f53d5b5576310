import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startAtendimento, type AtendimentoHarness } from './atendimento.test-support.js';

/** A minimal SMTP server that records the conversation (no TLS: the test sets smtp_ssl false). */
async function fakeSmtp(): Promise<{ port: number; lines: string[]; close(): Promise<void> }> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += String(chunk);
      let end: number;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        lines.push(line);
        if (data) {
          if (line === '.') {
            data = false;
            socket.write('250 queued\r\n');
          }
          continue;
        }
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake\r\n250 AUTH LOGIN\r\n');
        else if (verb === 'AUTH') socket.write('334 VXNlcm5hbWU6\r\n');
        else if (verb === 'DATA') {
          data = true;
          socket.write('354 go\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else if (lines.at(-2)?.startsWith('AUTH')) socket.write('334 UGFzc3dvcmQ6\r\n');
        else if (lines.at(-3)?.startsWith('AUTH')) socket.write(Buffer.from(line, 'base64').toString() === 'senha-smtp' ? '235 ok\r\n' : '535 bad credentials\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, lines, close: () => new Promise((r) => server.close(() => r())) };
}

describe('atendimento: e-mail "send test" over SMTP', () => {
  let h: AtendimentoHarness;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  before(async () => {
    h = await startAtendimento('sqlite');
    smtp = await fakeSmtp();
  });
  after(async () => {
    await h.close();
    await smtp.close();
  });

  const test = (to = 'destino@empresa.com.br') => h.as(h.admin, { method: 'POST', url: '/api/v1/config/email/test/', payload: { to } });

  it('says clearly when SMTP is not configured', async () => {
    const res = await test();
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /SMTP não configurado/);
  });

  it('sends through the configured server with AUTH LOGIN; a refused login is a 502 naming the step, not the password', async () => {
    await h.as(h.admin, {
      method: 'PATCH', url: '/api/v1/config/email/',
      payload: { smtp_host: '127.0.0.1', smtp_port: smtp.port, smtp_usuario: 'robo@empresa.com.br', smtp_senha: 'senha-smtp', smtp_ssl: false, email_from: 'robo@empresa.com.br' },
    });
    const res = await test();
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { detail: 'E-mail de teste enviado para destino@empresa.com.br.' });
    assert.ok(smtp.lines.includes('RCPT TO:<destino@empresa.com.br>'));
    assert.ok(smtp.lines.includes('Subject: Teste de e-mail do Retaguarda'));
    await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/email/', payload: { smtp_senha: 'outra-senha' } });
    const refused = await test();
    assert.equal(refused.statusCode, 502);
    assert.equal(refused.json().error.code, 'UPSTREAM_ERROR');
    assert.match(refused.json().error.message, /senha → 535/);
    assert.ok(!refused.body.includes('outra-senha'));
    assert.equal((await test('x@y\r\nBcc: z@w.com')).statusCode, 400);
    const operador = await h.t.loginAs('OPERADOR');
    assert.equal((await h.as(operador, { method: 'POST', url: '/api/v1/config/email/test/', payload: { to: 'a@b.com' } })).statusCode, 403);
  });

  it('an unreachable server is a 502, never a 500', async () => {
    await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/email/', payload: { smtp_port: 1 } });
    const res = await test();
    assert.equal(res.statusCode, 502);
  });
});
