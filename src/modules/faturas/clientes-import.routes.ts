import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, unprocessable } from '../../core/http/errors.js';
import type { CadastrosDb } from './cadastros.tables.js';
import { exportClientesCsv } from './clientes-export.js';
import type { ClientesImporter, ImportOptions } from './clientes-import.service.js';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const LIMITS = { fileSize: MAX_FILE_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 100, fieldNameSize: 100, headerPairs: 20 };

const ImportResult = Type.Object({
  processados: Type.Integer(),
  criados: Type.Integer(),
  atualizados: Type.Integer(),
  erros: Type.Array(Type.Object({ linha: Type.Integer(), mensagem: Type.String() })),
});

const ExportQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 255 })),
  operadora_id: Type.Optional(Type.String({ format: 'uuid' })),
  status_ativo: Type.Optional(Type.Boolean()),
});

const TRUE_WORDS = new Set(['true', '1', 'on', 'sim', 'yes']);

/** The form: one file `arquivo`, the flags `sobrescrever` and `simular` (true/1/on). */
async function readForm(request: FastifyRequest): Promise<{ bytes: Buffer; options: ImportOptions }> {
  if (!request.isMultipart()) throw new AppError(415, "Envie o arquivo como multipart/form-data no campo 'arquivo'.");
  let bytes: Buffer | undefined;
  const flags: Record<string, boolean> = {};
  try {
    for await (const part of request.parts({ limits: LIMITS })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'arquivo') bytes = content;
      } else if (part.fieldname === 'sobrescrever' || part.fieldname === 'simular') {
        flags[part.fieldname] = TRUE_WORDS.has(String(part.value).trim().toLowerCase());
      }
    }
  } catch (error) {
    throw multipartError(error);
  }
  if (!bytes) throw unprocessable("Arquivo CSV é obrigatório (campo 'arquivo').");
  return { bytes, options: { sobrescrever: flags.sobrescrever ?? false, simular: flags.simular ?? false } };
}

function multipartError(error: unknown): AppError {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(413, `Arquivo excede o tamanho máximo de ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError(413, "Formulário com partes demais: envie um arquivo 'arquivo' e os campos 'sobrescrever' e 'simular'.");
    default:
      // Reading the parts only parses what the client sent: a body cut short, a missing boundary.
      return new AppError(400, 'Formulário multipart inválido.');
  }
}

/** `POST …/clientes/importar` and `GET …/clientes/exportar.csv`; multipart is parsed in this scope only. */
export const clientesImportRoutes: FastifyPluginAsyncTypebox<{ importar: ClientesImporter; db: CadastrosDb }> = async (
  app,
  { importar, db },
) => {
  // The module's other routes may have registered multipart already; the limits below are per route.
  if (!app.hasRequestDecorator('isMultipart')) await app.register(multipart);
  const tags = ['faturas: clientes'];

  app.post(
    '/api/v1/faturas/clientes/importar',
    {
      config: { perfil: ['ADMINISTRADOR'] },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description: "Campos: arquivo (CSV), sobrescrever e simular ('true' ou '1'). Veja o README do módulo para o formato.",
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      const { bytes, options } = await readForm(request);
      return importar(bytes, options);
    },
  );

  app.get(
    '/api/v1/faturas/clientes/exportar.csv',
    { schema: { tags, querystring: ExportQuery, produces: ['text/csv'] } },
    async (request, reply) => {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="clientes.csv"');
      return reply.send(Readable.from(exportClientesCsv(db, request.query)));
    },
  );
};
