import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { createDashboardService } from './dashboard.service.js';
import { Nullable, StatusProcesso } from './processos.schemas.js';

const PorStatus = Type.Record(StatusProcesso, Type.Integer());
const Dashboard = Type.Object({
  mes_ano: Type.String(),
  total: Type.Integer(),
  valor_total: Type.Number(),
  por_status: PorStatus,
  por_operadora: Type.Array(Type.Object({ operadora_id: Type.String(), codigo: Type.String(), nome: Type.String(), total: Type.Integer(), por_status: PorStatus })),
  risco_vencimento: Type.Object({ vencidas: Type.Integer(), ate_3_dias: Type.Integer(), de_3_a_7_dias: Type.Integer(), acima_7_dias: Type.Integer() }),
  aprovacoes_pendentes: Type.Integer(),
  taxa_sucesso_robos: Type.Array(
    Type.Object({ operadora: Type.String(), execucoes: Type.Integer(), concluidas: Type.Integer(), falhas: Type.Integer(), taxa_sucesso: Type.Number() }),
  ),
  falhas_ultimos_7_dias: Type.Object({
    total: Type.Integer(),
    recentes: Type.Array(
      Type.Object({
        execucao_id: Type.String(), processo_id: Type.String(), tipo_execucao: Type.String(), status_execucao: Type.String(),
        razao_social: Type.String(), operadora: Type.String(), mensagem: Nullable(Type.String()), data_inicio: Type.String(),
      }),
    ),
  }),
});
const Query = Type.Object({ mes_ano: Type.Optional(Type.String({ maxLength: 10, description: 'MM/AAAA; o mês corrente quando ausente' })) }, { additionalProperties: false });

/** `GET /api/v1/faturas/dashboard/`. */
export const dashboardRoutes: FastifyPluginAsyncTypebox<{ dashboard: ReturnType<typeof createDashboardService> }> = async (app, { dashboard }) => {
  app.get('/api/v1/faturas/dashboard/', { schema: { tags: ['faturas'], querystring: Query, response: { 200: Dashboard } } }, async (request) =>
    dashboard.dashboard(request.query.mes_ano),
  );
};
