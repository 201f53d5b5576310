import { Badge } from '@mantine/core';
import type { Purchase, PurchaseStatus } from '../../api/fiados';

const PURCHASE_STATUS: Record<PurchaseStatus, { label: string; color: string }> = {
  pending: { label: 'Pendente', color: 'yellow' },
  partial: { label: 'Parcial', color: 'blue' },
  paid: { label: 'Quitada', color: 'green' },
};

export function PurchaseStatusBadge({ purchase }: { purchase: Purchase }) {
  if (!purchase.is_active) return <Badge color="gray">Desativada</Badge>;
  const { label, color } = PURCHASE_STATUS[purchase.status];
  return <Badge color={color}>{label}</Badge>;
}

export function ActiveBadge({ active, feminine = false }: { active: boolean; feminine?: boolean }) {
  const ending = feminine ? 'a' : 'o';
  return (
    <Badge color={active ? 'green' : 'gray'} variant="light">
      {active ? `Ativ${ending}` : `Desativad${ending}`}
    </Badge>
  );
}

/** Seed 003 stores the method as free text; these are the ones the shop uses. */
export const PAYMENT_METHODS = [
  { value: 'dinheiro', label: 'Dinheiro' },
  { value: 'pix', label: 'Pix' },
  { value: 'cartão de débito', label: 'Cartão de débito' },
  { value: 'cartão de crédito', label: 'Cartão de crédito' },
  { value: 'transferência', label: 'Transferência' },
  { value: 'boleto', label: 'Boleto' },
];

export const paymentMethodLabel = (method: string) => PAYMENT_METHODS.find((m) => m.value === method)?.label ?? method;
