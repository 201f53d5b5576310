import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { User } from '../../api/auth';
import { call } from '../../api/http';
import { usersApi } from '../../api/users';
import { FormError } from '../../components/FormError';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { password, PASSWORD_RULE } from '../../validation';

/** Sets a new password for a user (PUT with `password`). */
export function PasswordModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title="Definir senha">
      {user && <PasswordForm user={user} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function PasswordForm({ user, onSaved, onCancel }: { user: User; onSaved: () => void; onCancel: () => void }) {
  const form = useForm({
    initialValues: { password: '', confirmation: '' },
    validate: {
      password,
      confirmation: (value, values) => (value === values.password ? null : 'As senhas não conferem.'),
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    await call(usersApi.update, { params: { id: user.id }, body: { password: values.password } });
    notifySuccess('Senha definida.');
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm">
          Nova senha para <strong>{user.nome_completo}</strong>.
        </Text>
        <PasswordInput
          label="Nova senha"
          description={PASSWORD_RULE}
          withAsterisk
          autoComplete="new-password"
          data-autofocus
          {...form.getInputProps('password')}
        />
        <PasswordInput label="Repita a senha" withAsterisk autoComplete="new-password" {...form.getInputProps('confirmation')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Salvar senha
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
