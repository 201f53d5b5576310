import { Type } from 'typebox';

/** Focus's rule for a ref (the Ruby gem's): letters, digits, `_` and `-`; 50 characters here. */
export const REF_PATTERN = '^[A-Za-z0-9_-]{1,50}$';
const Ref = Type.String({ pattern: REF_PATTERN, maxLength: 50, description: 'Referência do documento (única entre todos os tipos)' });

export const RefQuery = Type.Object({ ref: Ref });
export const RefParams = Type.Object({ ref: Ref });

/** FocusNFE's own JSON for the document type, passed through after validation. */
export const DocumentBody = Type.Object({}, { additionalProperties: true, maxProperties: 500, description: 'JSON da FocusNFE para o tipo de documento' });

/** Whatever Focus answered, relayed as is (its fields vary by type and status). */
export const FocusBody = Type.Object({}, { additionalProperties: true });

export const ErrorDetail = Type.Object({ detail: Type.Unknown() }, { description: 'Erro no formato FastAPI: texto, lista de campos ou {codigo, mensagem, erros?} da FocusNFE' });

export const CancelQuery = Type.Object({ justificativa: Type.String({ minLength: 15, maxLength: 255 }) });
export const CorrectionQuery = Type.Object({ texto: Type.String({ minLength: 15, maxLength: 1000 }) });

const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });
const Offset = Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 });

export const NfseListQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 40 })),
  cnpj_prestador: Type.Optional(Type.String({ maxLength: 18 })),
  limit: Type.Optional(Limit),
  offset: Type.Optional(Offset),
});

export const IbgeParams = Type.Object({ ibge: Type.String({ maxLength: 7 }) });

export const ReceivedQuery = Type.Object({ cnpj: Type.String({ minLength: 1, maxLength: 18 }), limit: Type.Optional(Limit), offset: Type.Optional(Offset) });
export const ChaveParams = Type.Object({ chave: Type.String({ maxLength: 47 }) });
export const ManifestBody = Type.Object(
  {
    tipo: Type.Union([Type.Literal('ciencia'), Type.Literal('confirmacao'), Type.Literal('desconhecimento'), Type.Literal('nao_realizada')]),
    justificativa: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

export const InvoiceSummary = Type.Object({
  ref: Type.String(),
  tipo: Type.String(),
  status: Type.String(),
  cnpj_emitente: Nullable(Type.String()),
  chave: Nullable(Type.String()),
  numero: Nullable(Type.String()),
  serie: Nullable(Type.String()),
  caminho_xml: Nullable(Type.String()),
  caminho_pdf: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const InvoicePage = Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(InvoiceSummary) });

export const LocalInvoice = Type.Object({
  ...InvoiceSummary.properties,
  arquivos: Type.Array(Type.String(), { description: 'Chaves dos arquivos guardados (fiscal/{ref}/…)' }),
  dados_focus: Type.Union([FocusBody, Type.Null()]),
});

export const Stats = Type.Object({
  total: Type.Integer(),
  por_status: Type.Record(Type.String(), Type.Integer()),
  por_tipo: Type.Record(Type.String(), Type.Integer()),
  webhooks_pendentes: Type.Integer({ description: 'Webhooks recebidos ainda não aplicados' }),
});

export const Timeline = Type.Object({
  ref: Type.String(),
  status: Type.String(),
  eventos: Type.Array(
    Type.Object({ evento: Type.String(), status: Nullable(Type.String()), mensagem: Nullable(Type.String()), created_at: Type.String() }),
  ),
});

export const ReceivedPage = Type.Object({
  cnpj: Type.String(),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(FocusBody),
});

export const WebhookAccepted = Type.Object({ status: Type.String(), id: Type.Integer() });
