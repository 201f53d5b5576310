import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { permits } from '../../core/auth/authenticate.js';
import { answerValidationWith400 } from '../../core/auth/authz.validation.js';
import { principalOf } from '../../core/auth/guard.plugin.js';
import { AppError, forbidden } from '../../core/http/errors.js';
import { ConfigPut, ConfigReply, EmailTestBody, EmailTestReply, SECTIONS, patchOf, type SectionName } from './config.schemas.js';
import { sendTestEmail } from './config.email-test.js';
import type { ConfigService } from './config.service.js';

const permissionOf = (name: SectionName) => `core.manage_config_${name}`;

/** Seed 002's `/api/v1/config/…`: read with a login, change a section with its `core.manage_config_*`. */
export const configRoutes: FastifyPluginAsyncTypebox<{ config: ConfigService }> = async (app, { config }) => {
  answerValidationWith400(app);
  const tags = ['atendimento: configuração'];

  app.get('/api/v1/config/', { schema: { tags, summary: 'Configuração (todas as seções)', response: { 200: ConfigReply } } }, () => config.get());

  app.put('/api/v1/config/', {
    schema: { tags, summary: 'Alterar seções (mescla as seções enviadas; cada uma exige sua permissão)', body: ConfigPut, response: { 200: ConfigReply } },
  }, async (request) => {
    const given = (Object.keys(SECTIONS) as SectionName[]).filter((name) => request.body[SECTIONS[name].key] !== undefined);
    if (given.length === 0) throw new AppError(400, 'Informe ao menos uma seção: company_data, chat_settings, email_settings, appearance_settings ou whatsapp_settings.');
    const principal = principalOf(request);
    // The seed let any login PUT every section; here each section keeps the permission its PATCH needs.
    if (!given.every((name) => permits(principal, { permission: permissionOf(name) }))) throw forbidden();
    return config.put(Object.fromEntries(given.map((name) => [name, request.body[SECTIONS[name].key]!])));
  });

  app.post('/api/v1/config/email/test/', {
    config: { permission: permissionOf('email') },
    schema: { tags, summary: 'Enviar um e-mail de teste com a configuração SMTP', body: EmailTestBody, response: { 200: EmailTestReply } },
  }, async (request) => {
    const to = request.body.to.trim();
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(to)) throw new AppError(400, 'Informe um endereço de email válido.', { issues: [{ loc: ['body', 'to'], msg: 'Informe um endereço de email válido.', type: 'invalid' }] });
    await sendTestEmail(await config.emailSettings(), to);
    return { detail: `E-mail de teste enviado para ${to}.` };
  });

  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const { schema } = SECTIONS[name];
    const url = `/api/v1/config/${name}/`;
    // The section's fields are its schema's (the stored values over the defaults); the loop loses that type.
    app.get(url, { schema: { tags, summary: `Seção ${name}`, response: { 200: schema } } }, async () => (await config.section(name)) as never);
    app.patch(url, {
      config: { permission: permissionOf(name) },
      schema: { tags, summary: `Alterar a seção ${name}`, body: patchOf(schema), response: { 200: schema } },
    }, async (request) => (await config.patch(name, request.body as Record<string, unknown>)) as never);
  }
};
