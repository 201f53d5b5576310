import dayjs from 'dayjs';

/** `YYYY-MM-DD HH:mm:ss`, local: what Mantine's pickers hold. */
export type PickerValue = string | null;

/** Now as a picker value: the default of date fields. */
export const pickerNow = (): string => dayjs().format('YYYY-MM-DD HH:mm:ss');

/** Epoch seconds of a picker value, as seed 003 takes payment dates. */
export const pickerSeconds = (value: string): number => dayjs(value).unix();

/** Later than now, with a minute of slack for the time spent filling the form. */
export const isFuture = (value: string): boolean => dayjs(value).isAfter(dayjs().add(1, 'minute'));

/** The validator of a payment's date: required, and not in the future. */
export const paymentDate = (value: PickerValue): string | null =>
  !value ? 'Informe a data.' : isFuture(value) ? 'A data do pagamento não pode estar no futuro.' : null;
