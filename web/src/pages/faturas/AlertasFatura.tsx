import { Alert, Anchor, List, Stack } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { ProcessoDetalhe } from '../../api/faturas';
import { formatMoney } from '../../format';

const percent = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1, signDisplay: 'always' });

/** What an approver must see before approving: a value far from the usual, a PDF already used. */
export function AlertasFatura({ processo }: { processo: ProcessoDetalhe }) {
  const { variacao_valor: variacao, fatura_duplicada: duplicadas } = processo.alertas;
  if (!variacao?.fora_da_faixa && duplicadas.length === 0) return null;
  return (
    <Stack gap="xs">
      {variacao?.fora_da_faixa && (
        <Alert color="orange" title="Valor fora do habitual" role="alert">
          {percent.format(variacao.percentual)}% em relação à média de {formatMoney(variacao.media_ultimos_meses)} dos últimos {variacao.meses_comparados}{' '}
          {variacao.meses_comparados === 1 ? 'mês' : 'meses'}. Confira antes de aprovar.
        </Alert>
      )}
      {duplicadas.length > 0 && (
        <Alert color="red" title="Este PDF já foi usado em outro processo" role="alert">
          <List size="sm">
            {duplicadas.map((d) => (
              <List.Item key={d.processo_id}>
                <Anchor component={Link} to={`/faturas/processos/${d.processo_id}`}>
                  Processo de {d.mes_ano}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
