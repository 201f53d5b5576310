import { Type } from 'typebox';

const SessionStatus = Type.Union([
  Type.Literal('disconnected'), Type.Literal('connecting'), Type.Literal('qrcode'), Type.Literal('authenticated'), Type.Literal('ready'),
]);
export const SessionReply = Type.Object({ status: SessionStatus });

const MessageType = Type.Union([Type.Literal('text'), Type.Literal('image'), Type.Literal('document'), Type.Literal('audio')]);
/** WhatsApp's limits: a text body of 4,096 characters, a caption of 1,024, a WAMID of 128. */
export const MessageBody = Type.Object({
  to: Type.String({ minLength: 1, maxLength: 32, description: 'Telefone do destinatário; sem país, Brasil (E.164)' }),
  type: MessageType,
  text: Type.Optional(Type.String({ maxLength: 4096 })),
  image_url: Type.Optional(Type.String({ maxLength: 2048 })),
  media_url: Type.Optional(Type.String({ maxLength: 2048 })),
  caption: Type.Optional(Type.String({ maxLength: 1024 })),
  client_message_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' })),
});
export const MessageAccepted = Type.Object({ message_id: Type.String() });

export const InjectPayload = Type.Object({
  type: Type.Optional(MessageType),
  text: Type.Optional(Type.String({ maxLength: 4096 })),
  caption: Type.Optional(Type.String({ maxLength: 1024 })),
  media_url: Type.Optional(Type.String({ maxLength: 2048 })),
  contact_name: Type.Optional(Type.String({ maxLength: 200 })),
});
export const InjectBody = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 32 }),
  chat_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  payload: InjectPayload,
});
export const InjectReply = Type.Object({ message: Type.String(), message_id: Type.String(), database_id: Type.String() });

const Stamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
export const MessageId = Type.Object({ message_id: Type.String({ minLength: 1, maxLength: 255 }) });
export const MessageView = Type.Object({
  message_id: Type.String(),
  direction: Type.Union([Type.Literal('outbound'), Type.Literal('inbound')]),
  contact: Type.String({ description: 'Telefone do cliente (E.164)' }),
  chat_id: Type.String(),
  type: MessageType,
  text: Type.Union([Type.String(), Type.Null()]),
  media_url: Type.Union([Type.String(), Type.Null()]),
  caption: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([
    Type.Literal('queued'), Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('read'), Type.Literal('failed'), Type.Literal('received'),
  ]),
  error_code: Type.Union([Type.String(), Type.Null()]),
  error_message: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  queued_at: Stamp,
  sent_at: Stamp,
  delivered_at: Stamp,
  read_at: Stamp,
  failed_at: Stamp,
});
