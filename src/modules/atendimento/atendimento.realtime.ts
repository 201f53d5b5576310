import type { FastifyInstance } from 'fastify';
import { permits } from '../../core/auth/authenticate.js';
import { principalOf } from '../../core/auth/guard.plugin.js';
import type { EventBus } from '../../core/events/index.js';
import { createWsHub, registerWsRoute, type WsPeer } from '../../core/http/ws.js';
import { AppError } from '../../core/http/errors.js';
import { ATENDIMENTO_WHATSAPP, type AtendimentoEvents, type WhatsAppClientEvent } from './atendimento.events.js';
import { MANAGE_WHATSAPP } from './whatsapp.routes.js';
import { phoneOrFail, toInboundPayload } from './whatsapp.input.js';
import type { WhatsAppService } from './whatsapp.service.js';

// Who hears what: the session's state is every agent's business; the QR code (it links a device to
// the company's number) and the messages are for those allowed to operate WhatsApp.
const EVERYONE = 'whatsapp:all';
const OPERATORS = 'whatsapp:operators';
const topicOf = (event: WhatsAppClientEvent) => (event.type === 'session_status' ? EVERYONE : OPERATORS);

const DEFAULT_INJECT_FROM = '5511999999999';

/**
 * `/ws/echo/` and `/ws/whatsapp/` (seed 002 §WebSocket), token in `?token=` and refused (401) without
 * a valid one. Events come from the EventBus, so a change made by any process reaches every socket.
 */
export function atendimentoRealtime(app: FastifyInstance, deps: { events: EventBus<AtendimentoEvents>; whatsapp: WhatsAppService }): void {
  const { events, whatsapp } = deps;
  const hub = createWsHub({ logger: app.log });
  const unsubscribe = events.subscribe(ATENDIMENTO_WHATSAPP, (event) => hub.publish(topicOf(event), event));
  app.addHook('onClose', async () => {
    unsubscribe();
    hub.close();
  });

  registerWsRoute(app, '/ws/echo/', {
    schema: { tags: ['atendimento: websocket'], summary: 'Eco: {"type":"ping"} → {"type":"pong"}; o resto volta como {"echo": …}' },
    handler(socket) {
      hub.add(socket, { canSubscribe: () => false, onMessage: (message, peer) => peer.send({ echo: message }) });
    },
  });

  async function inject(message: Record<string, unknown>, peer: WsPeer): Promise<void> {
    try {
      const from = phoneOrFail('from', typeof message.from === 'string' ? message.from.slice(0, 32) : DEFAULT_INJECT_FROM);
      const chatId = typeof message.chat_id === 'string' && message.chat_id ? message.chat_id.slice(0, 100) : undefined;
      const payload = (message.payload ?? {}) as Record<string, unknown>;
      const str = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined);
      const type = ['text', 'image', 'document', 'audio'].includes(String(payload.type ?? 'text')) ? (String(payload.type ?? 'text') as 'text') : undefined;
      if (!type) throw new AppError(400, `Tipo de mensagem inválido: ${String(payload.type).slice(0, 20)}`);
      const inbound = toInboundPayload({
        type, text: str(payload.text, 4096), caption: str(payload.caption, 1024), media_url: str(payload.media_url, 2048), contact_name: str(payload.contact_name, 200),
      });
      const messageId = await whatsapp.inject(from, inbound, chatId);
      peer.send({ type: 'inject_success', message_id: messageId, chat_id: chatId ?? from });
    } catch (error) {
      peer.send({ type: 'inject_error', error: error instanceof AppError ? error.message : 'Falha ao injetar a mensagem' });
    }
  }

  registerWsRoute(app, '/ws/whatsapp/', {
    schema: {
      tags: ['atendimento: websocket'],
      summary: 'Eventos do WhatsApp: session_status, qrcode, message_status, message_received',
      description: 'Envie {"type":"ping"} para {"type":"pong"}; {"type":"inject_incoming", …} no modo stub.',
    },
    handler(socket, request) {
      const principal = principalOf(request);
      const operator = permits(principal, { permission: MANAGE_WHATSAPP });
      const peer = hub.add(socket, {
        canSubscribe: () => false,
        onMessage(message, self) {
          if (message.type !== 'inject_incoming') return;
          if (!operator) return self.send({ type: 'inject_error', error: 'Você não tem permissão para executar esta ação.' });
          void inject(message, self);
        },
      });
      peer.subscribe(EVERYONE);
      if (operator) peer.subscribe(OPERATORS);
    },
  });
}
