import { Button, NativeSelect, Stack, TextInput, type NativeSelectProps } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { faturasApi } from '../../api/faturas';
import type { DataColumn } from '../../components/table';
import { useApi } from '../../query/useApi';

/** Every operadora (a handful), cached for the session's pages. */
export function useOperadoras() {
  return useApi(faturasApi.listOperadoras, { query: { page_size: 100, ordering: 'nome' } }, { staleTime: 60_000 });
}

/** The operadoras as select options, "Todas" first. */
export function OperadoraSelect({ allLabel = 'Todas', ...props }: Omit<NativeSelectProps, 'data'> & { allLabel?: string }) {
  const operadoras = useOperadoras();
  const data = [{ value: '', label: allLabel }, ...(operadoras.data?.results ?? []).map((o) => ({ value: o.id, label: `${o.codigo} · ${o.nome}` }))];
  return <NativeSelect data={data} {...props} />;
}

/** A search box that updates the list a moment after typing stops (the URL keeps the last search). */
export function SearchInput({ value, onSearch, label, placeholder }: { value: string; onSearch: (value: string) => void; label: string; placeholder?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const debounced = useDebouncedCallback(onSearch, 300);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        debounced(event.currentTarget.value.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSearch(text.trim());
      }}
      style={{ flex: '1 1 220px', minWidth: 180 }}
    />
  );
}

/** Runs `action` over the items a few at a time; says how many succeeded and the first failure's message. */
export async function forEachLimited<T>(items: readonly T[], action: (item: T) => Promise<unknown>, concurrency = 4) {
  let done = 0;
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await action(item);
        done += 1;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { done, failures };
}

/**
 * Columns with their label as header (without one react-table shows none). A sortable column needs an
 * accessor: react-table offers sorting only then, and phone cards leave out a row's empty values by it.
 */
export function withHeaders<T>(columns: DataColumn<T>[]): DataColumn<T>[] {
  return columns.map((column) => ({ header: column.meta.label, ...column }) as DataColumn<T>);
}

/**
 * A list's filters: beside the table on a wide screen; on a phone behind a "Filtros" button (saying how
 * many are set), so the rows are on the first screen.
 */
export function PhoneFilters({ active, children }: { active: number; children: ReactNode }) {
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [open, setOpen] = useState(false);
  if (!phone) return <>{children}</>;
  return (
    <Stack gap="sm" w="100%">
      <Button variant="default" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        {open ? 'Ocultar filtros' : `Filtros${active ? ` (${active} ativo${active > 1 ? 's' : ''})` : ''}`}
      </Button>
      {open && children}
    </Stack>
  );
}
