import { Button, Group, Pagination, Text } from '@mantine/core';

/** Numbered pages, for lists whose total is known. Hidden when everything fits in one page. */
export function NumberPager({ page, total, onChange }: { page: number; total: number; onChange: (page: number) => void }) {
  if (total <= 1) return null;
  return (
    <Group justify="center" mt="md">
      <Pagination
        value={page}
        total={total}
        onChange={onChange}
        getItemProps={(n) => ({ 'aria-label': `Página ${n}` })}
        getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
      />
    </Group>
  );
}

const CONTROL_LABELS: Record<string, string> = {
  first: 'Primeira página',
  previous: 'Página anterior',
  next: 'Próxima página',
  last: 'Última página',
};

/** Previous/next, for APIs paged by limit/offset that do not say how many rows exist. */
export function OffsetPager({ page, hasNext, onChange }: { page: number; hasNext: boolean; onChange: (page: number) => void }) {
  if (page === 1 && !hasNext) return null;
  return (
    <Group justify="center" mt="md" gap="sm">
      <Button variant="default" disabled={page === 1} onClick={() => onChange(page - 1)}>
        Anterior
      </Button>
      <Text size="sm" aria-live="polite">
        Página {page}
      </Text>
      <Button variant="default" disabled={!hasNext} onClick={() => onChange(page + 1)}>
        Próxima
      </Button>
    </Group>
  );
}
