import { session } from '../auth/session';
import { endpoint } from './endpoint';
import { networkError, readError } from './errors';

export type SessionStatus = 'disconnected' | 'connecting' | 'qrcode' | 'authenticated' | 'ready';

export const SESSION_LABELS: Record<SessionStatus, string> = {
  disconnected: 'Desconectado',
  connecting: 'Conectando',
  qrcode: 'Aguardando leitura do QR code',
  authenticated: 'Autenticado',
  ready: 'Pronto',
};

export type Section = Record<string, unknown>;
export type SectionKey = 'company_data' | 'chat_settings' | 'email_settings' | 'appearance_settings' | 'whatsapp_settings';

export type AtendimentoConfig = Record<SectionKey, Section> & { id: number; created_at: string; updated_at: string };

export const atendimentoApi = {
  sessionStatus: endpoint<{ status: SessionStatus }>()('GET', '/api/v1/whatsapp/session/status'),
  sessionStart: endpoint<{ status: SessionStatus }>()('POST', '/api/v1/whatsapp/session/start'),
  sessionStop: endpoint<undefined>()('DELETE', '/api/v1/whatsapp/session', 'empty'),
  config: endpoint<AtendimentoConfig>()('GET', '/api/v1/config/'),
  /** PUT merges only the sections sent; each needs its own permission. */
  saveConfig: endpoint<AtendimentoConfig, Partial<Record<SectionKey, Section>>>()('PUT', '/api/v1/config/'),
  emailTest: endpoint<{ detail: string }, { to: string }>()('POST', '/api/v1/config/email/test/'),
  removeUpload: endpoint<undefined, undefined, { kind: 'logo' | 'favicon' }>()('DELETE', '/api/v1/config/appearance/upload/', 'empty'),
};

/** Multipart upload of the logo or favicon (the JSON client does not send files). */
export async function uploadAppearance(kind: 'logo' | 'favicon', file: File): Promise<string> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', file);
  const token = session.accessToken();
  let response: Response;
  try {
    response = await fetch('/api/v1/config/appearance/upload/', { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await readError(response);
  return ((await response.json()) as { url: string }).url;
}

/** `/ws/whatsapp/` with the current access token (browsers cannot send headers on a WebSocket). */
export function whatsappSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws/whatsapp/?token=${encodeURIComponent(session.accessToken() ?? '')}`;
}
