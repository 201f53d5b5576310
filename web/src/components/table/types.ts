import type { ColumnDef, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

declare module '@tanstack/react-table' {
  // Type parameters must match react-table's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Header text, the label in phone cards and the CSV header. */
    label: string;
    /** The CSV cell; absent, the column is left out of the export (actions, selection). */
    csv?: (row: TData) => string | number | null;
    /** Right-aligned (money, counts). */
    numeric?: boolean;
    /** The card's title on phones (one column per table). */
    primary?: boolean;
    /** Row actions: at the end of a row, at the bottom of a card, never hidden. */
    actions?: boolean;
  }
}

/** The table's columns: react-table definitions whose `meta.label` is required. */
export type DataColumn<T> = ColumnDef<T, any> & { meta: NonNullable<ColumnDef<T, any>['meta']> };

export interface EmptyState {
  title: string;
  description?: string;
  /** The next thing to do (a "Novo cliente" button, "Limpar filtros"). */
  action?: ReactNode;
}

/** The id of the selection column the table adds when it has bulk actions. */
export const SELECT = 'selecionar';
