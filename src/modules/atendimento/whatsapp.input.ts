import { AppError, type FieldIssue } from '../../core/http/errors.js';
import type { MessageType } from './atendimento.tables.js';
import type { InboundPayload } from './atendimento.events.js';
import type { SendInput } from './whatsapp.service.js';
import { toE164 } from './whatsapp.phone.js';

const REQUIRED = 'Este campo é obrigatório.';

/** 400 INVALID_PAYLOAD naming the field, with seed 002's `detail` message. */
export const fieldError = (field: string, message: string, detail = REQUIRED) =>
  new AppError(400, message, { issues: [{ loc: ['body', field], msg: detail, type: 'invalid' }] });

/** Seed 002's messages for a bad `POST /whatsapp/messages`, checked in its order: `to`, `type`, `text`. */
export function messageForIssues(issues: FieldIssue[]): string | undefined {
  const fields = new Set(issues.map((issue) => String(issue.loc[1] ?? '')));
  if (fields.has('to')) return "Campo 'to' é obrigatório";
  if (fields.has('type')) return "Campo 'type' inválido";
  if (fields.has('text')) return "Campo 'text' é obrigatório";
  return undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function phoneOrFail(field: string, value: string): string {
  const e164 = toE164(value);
  if (!e164) throw fieldError(field, `Campo '${field}' inválido`, 'Número de telefone inválido.');
  return e164;
}

/** The rules a schema cannot say: a usable number, text for text messages, a URL for media. */
export function toSendInput(body: {
  to: string; type: MessageType; text?: string; image_url?: string; media_url?: string; caption?: string; client_message_id?: string;
}): SendInput {
  const to = phoneOrFail('to', body.to);
  if (body.type === 'text') {
    if (!body.text?.trim()) throw fieldError('text', "Campo 'text' é obrigatório");
    return { to, type: 'text', text: body.text, media_url: null, caption: null, client_message_id: body.client_message_id };
  }
  const given = body.media_url ?? body.image_url;
  const media = httpUrl(given);
  if (!media) {
    throw given ? fieldError('media_url', "Campo 'media_url' inválido", 'Informe uma URL http(s).') : fieldError('media_url', "Campo 'media_url' é obrigatório");
  }
  return { to, type: body.type, text: null, media_url: media, caption: body.caption ?? body.text ?? null, client_message_id: body.client_message_id };
}

export function toInboundPayload(payload: { type?: MessageType; text?: string; caption?: string; media_url?: string; contact_name?: string }): InboundPayload {
  const type = payload.type ?? 'text';
  if (type === 'text' && !payload.text?.trim()) throw fieldError('payload.text', 'Campo "payload.text" é obrigatório para mensagens de texto');
  const out: InboundPayload = { type };
  if (payload.text !== undefined) out.text = payload.text;
  if (payload.caption !== undefined) out.caption = payload.caption;
  if (payload.media_url !== undefined) out.media_url = payload.media_url;
  if (payload.contact_name !== undefined) out.contact_name = payload.contact_name;
  return out;
}
