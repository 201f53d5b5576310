import { DateTimePicker, type DateTimePickerProps } from '@mantine/dates';
import dayjs from 'dayjs';

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
