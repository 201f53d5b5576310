import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { toApiError } from '../api/errors';

/**
 * Submits a validated form: while sending `submitting` is true; the API's field messages land
 * next to the matching inputs and anything else in `error`. Focus goes to the first invalid field.
 */
export function useApiSubmit<V extends object>(
  form: UseFormReturnType<V>,
  action: (values: V) => Promise<void>,
) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const focusFirst = (fields: string[]) => {
    const first = fields[0];
    if (first) form.getInputNode(first)?.focus();
  };

  const onSubmit = form.onSubmit(
    async (values) => {
      setSubmitting(true);
      setError(null);
      try {
        await action(values);
      } catch (caught) {
        const apiError = toApiError(caught);
        const known = Object.keys(values);
        const mine = Object.entries(apiError.fields).filter(([field]) => known.includes(field));
        const others = Object.entries(apiError.fields).filter(([field]) => !known.includes(field));
        form.setErrors(Object.fromEntries(mine));
        setError([apiError.message, ...others.map(([field, message]) => `${field}: ${message}`)].join(' '));
        focusFirst(mine.map(([field]) => field));
      } finally {
        setSubmitting(false);
      }
    },
    (errors) => focusFirst(Object.keys(errors)),
  );

  return { onSubmit, submitting, error };
}
