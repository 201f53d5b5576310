import net from 'node:net';
import tls from 'node:tls';
import { AppError } from '../../core/http/errors.js';

export interface SmtpSettings {
  smtp_host: string;
  smtp_port: number;
  smtp_usuario: string;
  smtp_senha: string;
  smtp_ssl: boolean;
  email_from: string;
}

const TIMEOUT_MS = 10_000;
const upstream = (message: string) => new AppError(502, `Falha no servidor SMTP: ${message}`);

/** One SMTP conversation: each command waits for its (possibly multi-line) reply and checks the code. */
class SmtpConversation {
  private buffer = '';
  private waiting: ((line: string) => void) | undefined;
  private failure: Error | undefined;

  constructor(private socket: net.Socket) {
    this.listen(socket);
  }

  private listen(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.deliver();
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('conexão encerrada pelo servidor')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.('');
  }

  // A reply is complete at its last line: `250 ok` after any number of `250-…` lines.
  private deliver(): void {
    const match = /(^|\n)(\d{3}) [^\n]*\n/.exec(this.buffer);
    if (!match || !this.waiting) return;
    const end = match.index + match[0].length;
    const reply = this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve(reply);
  }

  async expect(codes: number[], command?: string, shown = command): Promise<string> {
    if (command !== undefined) this.socket.write(`${command}\r\n`);
    const reply = await new Promise<string>((resolve) => {
      this.waiting = resolve;
      this.deliver();
    });
    if (this.failure) throw upstream(this.failure.message);
    const code = Number(reply.slice(-200).match(/(\d{3}) [^\n]*\n$/)?.[1]);
    if (!codes.includes(code)) throw upstream(`${shown ?? 'conexão'} → ${reply.trim().split('\n').pop()!.slice(0, 200)}`);
    return reply;
  }

  async upgrade(host: string): Promise<void> {
    this.socket.removeAllListeners('data').removeAllListeners('close').removeAllListeners('error');
    this.socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const secure = tls.connect({ socket: this.socket, servername: host }, () => resolve(secure));
      secure.once('error', reject);
    });
    this.listen(this.socket);
  }

  close(): void {
    this.socket.destroy();
  }
}

function connect(settings: SmtpSettings): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = { host: settings.smtp_host, port: settings.smtp_port, timeout: TIMEOUT_MS };
    // Port 465 is TLS from the first byte; other ports start plain and may upgrade with STARTTLS.
    const implicit = settings.smtp_ssl && settings.smtp_port === 465;
    const socket = implicit ? tls.connect({ ...options, servername: settings.smtp_host }) : net.connect(options);
    socket.once(implicit ? 'secureConnect' : 'connect', () => resolve(socket));
    socket.once('timeout', () => socket.destroy(new Error('tempo esgotado')));
    socket.once('error', (error) => reject(upstream(error.message)));
  });
}

/**
 * Sends one test message with the e-mail section's settings (a small SMTP client: EHLO, STARTTLS when
 * `smtp_ssl`, AUTH LOGIN when a user is set). Errors name the SMTP step, never the password.
 */
export async function sendTestEmail(settings: SmtpSettings, to: string): Promise<void> {
  if (!settings.smtp_host) throw new AppError(400, 'SMTP não configurado: preencha smtp_host na seção de e-mail.');
  const from = settings.email_from || settings.smtp_usuario;
  if (!from.includes('@')) throw new AppError(400, 'Remetente não configurado: preencha email_from na seção de e-mail.');
  const smtp = new SmtpConversation(await connect(settings));
  try {
    await smtp.expect([220]);
    let hello = await smtp.expect([250], 'EHLO retaguarda');
    if (settings.smtp_ssl && settings.smtp_port !== 465) {
      if (!/STARTTLS/i.test(hello)) throw upstream('o servidor não oferece STARTTLS (smtp_ssl ligado)');
      await smtp.expect([220], 'STARTTLS');
      await smtp.upgrade(settings.smtp_host);
      hello = await smtp.expect([250], 'EHLO retaguarda');
    }
    if (settings.smtp_usuario) {
      await smtp.expect([334], 'AUTH LOGIN');
      await smtp.expect([334], Buffer.from(settings.smtp_usuario).toString('base64'), 'usuário');
      await smtp.expect([235], Buffer.from(settings.smtp_senha).toString('base64'), 'senha');
    }
    await smtp.expect([250], `MAIL FROM:<${from}>`);
    await smtp.expect([250, 251], `RCPT TO:<${to}>`);
    await smtp.expect([354], 'DATA');
    const message = [
      `From: <${from}>`, `To: <${to}>`, 'Subject: Teste de e-mail do Retaguarda', `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '',
      'Este é um e-mail de teste enviado pela configuração de e-mail do Retaguarda.', '.',
    ].join('\r\n');
    await smtp.expect([250], message, 'DATA');
    smtp.expect([221], 'QUIT').catch(() => undefined);
  } finally {
    setTimeout(() => smtp.close(), 100).unref();
  }
}
