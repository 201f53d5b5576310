import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError, notFound } from '../../core/http/errors.js';
import { sendBlob, type BlobStore } from '../../core/storage/index.js';
import type { ConfigService } from './config.service.js';
import { FileName, UploadKind, UploadReply } from './config.schemas.js';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const PREFIX = 'atendimento/appearance/';
const FILES_URL = '/api/v1/config/appearance/files/';
const FIELD = { logo: 'login_logo_url', favicon: 'favicon_url' } as const;
type Kind = keyof typeof FIELD;

/** What the bytes are, whatever the name or declared type says; SVG is refused (it can carry script). */
export function sniffImage(bytes: Buffer): { ext: string; type: string } | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { ext: 'png', type: 'image/png' };
  if (starts(0xff, 0xd8, 0xff)) return { ext: 'jpg', type: 'image/jpeg' };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { ext: 'gif', type: 'image/gif' };
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return { ext: 'webp', type: 'image/webp' };
  if (starts(0x00, 0x00, 0x01, 0x00) && bytes.length > 6) return { ext: 'ico', type: 'image/x-icon' };
  return undefined;
}

const kindOf = (value: unknown, message: string): Kind => {
  if (value === 'logo' || value === 'favicon') return value;
  throw new AppError(400, message, { issues: [{ loc: ['body', 'kind'], msg: message, type: 'invalid' }] });
};

/** Logo and favicon: multipart upload into the BlobStore (images only, by content, at most 2 MiB). */
export const appearanceRoutes: FastifyPluginAsyncTypebox<{ config: ConfigService; storage: BlobStore }> = async (app, { config, storage }) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 4, fieldSize: 100, parts: 6 } });
  const manage = { permission: 'core.manage_config_appearance' };
  const tags = ['atendimento: configuração'];

  async function replace(kind: Kind, url: string): Promise<void> {
    const previous = await config.setAppearanceFile(FIELD[kind], url);
    if (previous.startsWith(FILES_URL)) await storage.delete(PREFIX + previous.slice(FILES_URL.length));
  }

  app.post('/api/v1/config/appearance/upload/', {
    config: manage,
    schema: { tags, summary: 'Enviar logo ou favicon (multipart: file, kind)', consumes: ['multipart/form-data'], response: { 200: UploadReply } },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError(400, 'file e kind={logo|favicon} são obrigatórios');
    let kind: unknown;
    let file: Buffer | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          // Every file part must be read to the end for the next part to arrive.
          const bytes = await part.toBuffer();
          if (part.fieldname === 'file') file = bytes;
        } else if (part.fieldname === 'kind') kind = part.value;
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'A imagem excede 2 MB.');
      throw new AppError(400, 'Envio multipart inválido.');
    }
    if (!file) throw new AppError(400, 'file e kind={logo|favicon} são obrigatórios');
    const validKind = kindOf(kind, 'file e kind={logo|favicon} são obrigatórios');
    const image = sniffImage(file);
    if (!image) throw new AppError(400, 'O arquivo não é uma imagem PNG, JPEG, GIF, WebP ou ICO.', { issues: [{ loc: ['body', 'file'], msg: 'Imagem inválida.', type: 'invalid' }] });
    const name = `${validKind}-${randomUUID()}.${image.ext}`;
    await storage.put(PREFIX + name, file, image.type);
    const url = FILES_URL + name;
    await replace(validKind, url);
    return { url };
  });

  app.delete('/api/v1/config/appearance/upload/', {
    config: manage,
    schema: { tags, summary: 'Remover logo ou favicon', querystring: UploadKind, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await replace(kindOf(request.query.kind, 'kind={logo|favicon} é obrigatório'), '');
    return reply.status(204).send(null);
  });

  // The login page shows the logo before anyone logs in.
  app.get('/api/v1/config/appearance/files/:name', {
    config: { public: true },
    schema: { tags, summary: 'Logo ou favicon enviado', params: FileName },
  }, async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=3600');
    if (!(await sendBlob(reply, storage, PREFIX + request.params.name, { request }))) throw notFound('Arquivo não encontrado.');
    return reply;
  });
};
