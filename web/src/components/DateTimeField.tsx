import { DateTimePicker, type DateTimePickerProps } from '@mantine/dates';
import dayjs from 'dayjs';

/** `YYYY-MM-DD HH:mm:ss`, local: what Mantine's pickers hold. */
export type PickerValue = string | null;

/** Now as a picker value: the default of date fields. */
export const pickerNow = (): string => dayjs().format('YYYY-MM-DD HH:mm:ss');

/** Epoch seconds of a picker value, as seed 003 takes payment dates. */
export const pickerSeconds = (value: string): number => dayjs(value).unix();

/** True when the value is later than now (a payment cannot happen in the future). */
export const isFuture = (value: string): boolean => dayjs(value).isAfter(dayjs().add(1, 'minute'));

/**
 * A date and time picked from a pt-BR calendar (`DD/MM/AAAA HH:mm`); past days allowed, the future
 * only when `allowFuture`.
 */
export function DateTimeField({ allowFuture = false, ...props }: DateTimePickerProps & { allowFuture?: boolean }) {
  return (
    <DateTimePicker
      valueFormat="DD/MM/YYYY HH:mm"
      maxDate={allowFuture ? undefined : dayjs().endOf('day').format('YYYY-MM-DD HH:mm:ss')}
      clearable={false}
      dropdownType="popover"
      popoverProps={{ withinPortal: true }}
      submitButtonProps={{ 'aria-label': 'Confirmar data' }}
      {...props}
    />
  );
}
