import { notifications } from '@mantine/notifications';
import { toApiError } from './api/errors';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message });
}

/** Runs an action started by a button; a failure becomes a red notification with the API's message. */
export async function runAction(action: () => Promise<unknown>, success: string): Promise<boolean> {
  try {
    await action();
    notifySuccess(success);
    return true;
  } catch (caught) {
    notifications.show({ color: 'red', title: 'Não foi possível concluir', message: toApiError(caught).message });
    return false;
  }
}
