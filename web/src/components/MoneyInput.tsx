import { NumberInput, type NumberInputProps } from '@mantine/core';

/** Reais with comma decimals (`1.234,56`) and at most two decimals, never negative. */
export function MoneyInput(props: NumberInputProps) {
  return (
    <NumberInput
      prefix="R$ "
      decimalSeparator=","
      thousandSeparator="."
      decimalScale={2}
      fixedDecimalScale={false}
      allowNegative={false}
      hideControls
      inputMode="decimal"
      {...props}
    />
  );
}
