import { Type, type TObject, type TProperties } from 'typebox';

const Str = (max: number) => Type.String({ maxLength: max });
const Bool = Type.Boolean();

const UF = 'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' ');
export const Endereco = Type.Object({
  cep: Type.String({ pattern: '^\\d{8}$', maxLength: 8 }),
  logradouro: Str(100),
  numero: Str(10),
  complemento: Str(50),
  bairro: Str(50),
  cidade: Str(50),
  uf: Type.String({ pattern: `^(${UF.join('|')}|${UF.join('|').toLowerCase()})$`, maxLength: 2 }),
});

/** Seed 002's sections, field by field (reference §2.3); every field optional: a PATCH sends what it changes. */
export const CompanyData = Type.Object({
  razao_social: Str(100),
  nome_fantasia: Str(100),
  cnpj: Str(18),
  inscricao_estadual: Str(20),
  inscricao_municipal: Str(20),
  regime_tributario: Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3')]),
  cnae_principal: Str(10),
  telefone: Str(20),
  email: Str(254),
  site: Str(100),
  endereco: Type.Partial(Endereco),
});

const Hour = Type.Union([Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$', maxLength: 8 }), Type.Null()]);
const Day = Type.Object({ inicio: Hour, fim: Hour });
export const DAYS = ['segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado', 'domingo'] as const;

export const ChatSettings = Type.Object({
  mensagem_saudacao: Type.String({ minLength: 1, maxLength: 2000 }),
  mensagem_fora_expediente: Type.String({ minLength: 1, maxLength: 2000 }),
  mensagem_encerramento: Type.String({ minLength: 1, maxLength: 2000 }),
  mensagem_inatividade: Type.String({ minLength: 1, maxLength: 2000 }),
  timeout_inatividade_minutos: Type.Integer({ minimum: 1, maximum: 10_080 }),
  limite_chats_simultaneos: Type.Integer({ minimum: 1, maximum: 1000 }),
  horario_funcionamento: Type.Partial(Type.Object(Object.fromEntries(DAYS.map((d) => [d, Day])) as Record<(typeof DAYS)[number], typeof Day>), {
    additionalProperties: false,
  }),
});

export const EmailSettings = Type.Object({
  smtp_host: Str(255),
  smtp_port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  smtp_usuario: Str(255),
  smtp_senha: Str(255),
  smtp_ssl: Bool,
  email_from: Str(254),
});

const Color = Type.String({ pattern: '^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6})?$', maxLength: 7 });
export const AppearanceSettings = Type.Object({
  login_logo_url: Str(2048),
  favicon_url: Str(2048),
  primary_color: Color,
  secondary_color: Color,
  custom_css: Str(20_000),
});

/** Seed 002's fields, plus the WhatsApp Cloud API credentials (`cloud` driver). */
export const WhatsAppSettings = Type.Object({
  enabled: Bool,
  device_name: Str(100),
  stealth_mode: Bool,
  human_delays: Bool,
  reconnect_backoff_seconds: Type.Integer({ minimum: 0, maximum: 3600 }),
  session_data: Str(65_536),
  proxy_url: Str(2048),
  phone_number_id: Type.String({ pattern: '^\\d*$', maxLength: 32 }),
  business_account_id: Type.String({ pattern: '^\\d*$', maxLength: 32 }),
  api_version: Type.String({ pattern: '^(v\\d{1,3}\\.\\d{1,3})?$', maxLength: 10 }),
  access_token: Str(2048),
  app_secret: Str(256),
  verify_token: Str(256),
});

export const SECTIONS = {
  company: { key: 'company_data', schema: CompanyData, secrets: [] as string[] },
  chat: { key: 'chat_settings', schema: ChatSettings, secrets: [] as string[] },
  email: { key: 'email_settings', schema: EmailSettings, secrets: ['smtp_senha'] },
  appearance: { key: 'appearance_settings', schema: AppearanceSettings, secrets: [] as string[] },
  whatsapp: { key: 'whatsapp_settings', schema: WhatsAppSettings, secrets: ['session_data', 'proxy_url', 'access_token', 'app_secret', 'verify_token'] },
} as const;
export type SectionName = keyof typeof SECTIONS;
export type SectionKey = (typeof SECTIONS)[SectionName]['key'];

/** A PATCH body: any subset of the section's fields; unknown keys are ignored (the seed's collection sends some). */
export const patchOf = (schema: TObject<TProperties>) => Type.Partial(schema);

export const ConfigReply = Type.Object({
  id: Type.Integer(),
  company_data: CompanyData,
  chat_settings: ChatSettings,
  email_settings: EmailSettings,
  appearance_settings: AppearanceSettings,
  whatsapp_settings: WhatsAppSettings,
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const ConfigPut = Type.Object({
  company_data: Type.Optional(Type.Partial(CompanyData)),
  chat_settings: Type.Optional(Type.Partial(ChatSettings)),
  email_settings: Type.Optional(Type.Partial(EmailSettings)),
  appearance_settings: Type.Optional(Type.Partial(AppearanceSettings)),
  whatsapp_settings: Type.Optional(Type.Partial(WhatsAppSettings)),
});

export const UploadKind = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 20 })) });
export const UploadReply = Type.Object({ url: Type.String() });
export const FileName = Type.Object({ name: Type.String({ pattern: '^(logo|favicon)-[0-9a-f-]{36}\\.(png|jpg|gif|webp|ico)$', maxLength: 60 }) });
export const EmailTestBody = Type.Object({ to: Type.String({ minLength: 3, maxLength: 254 }) });
export const EmailTestReply = Type.Object({ detail: Type.String() });
