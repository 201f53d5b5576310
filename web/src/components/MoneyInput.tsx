import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState, type ClipboardEvent } from 'react';
import { formatMoneyField, parseMoney, sanitizeMoneyTyping } from '../money';

interface MoneyInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> {
  /** Reais as a number, or '' when empty (what @mantine/form keeps). */
  value?: number | string;
  onChange?: (value: number | string) => void;
}

const asNumber = (value: number | string | undefined) => (typeof value === 'number' ? value : parseMoney(value ?? ''));

/**
 * Reais typed the Brazilian way (see `parseMoney`): the text is kept as typed while the field has
 * focus and shown as `1.500,00` after it. A paste is read whole (`R$ 1.234,56`).
 */
export function MoneyInput({ value, onChange, onBlur, onPaste, ...props }: MoneyInputProps) {
  const [text, setText] = useState(() => {
    const initial = asNumber(value);
    return initial === null ? '' : formatMoneyField(initial);
  });

  // A value set from outside (a form reset, a preset) replaces the text unless it already says it.
  useEffect(() => {
    const external = asNumber(value);
    if (external !== parseMoney(text)) setText(external === null ? '' : formatMoneyField(external));
    // Only a change of the value from outside matters here, not each keystroke.
  }, [value]);

  const update = (next: string) => {
    setText(next);
    onChange?.(parseMoney(next) ?? '');
  };

  const paste = (event: ClipboardEvent<HTMLInputElement>) => {
    onPaste?.(event);
    const pasted = parseMoney(event.clipboardData.getData('text'));
    if (pasted === null) return;
    event.preventDefault();
    update(formatMoneyField(pasted));
  };

  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      leftSection="R$"
      leftSectionPointerEvents="none"
      {...props}
      value={text}
      onChange={(event) => update(sanitizeMoneyTyping(event.currentTarget.value))}
      onPaste={paste}
      onBlur={(event) => {
        const parsed = parseMoney(text);
        if (parsed !== null) setText(formatMoneyField(parsed));
        onBlur?.(event);
      }}
    />
  );
}
