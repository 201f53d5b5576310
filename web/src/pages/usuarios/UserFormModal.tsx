import { Button, Group, Modal, NativeSelect, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Perfil, User } from '../../api/auth';
import { call } from '../../api/http';
import { usersApi } from '../../api/users';
import { PERFIL_LABELS } from '../../auth/access';
import { FormError } from '../../components/FormError';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { useUser } from '../../auth/useSession';
import { email, password, PASSWORD_RULE, required } from '../../validation';

const PERFIS = (Object.keys(PERFIL_LABELS) as Perfil[]).map((value) => ({ value, label: PERFIL_LABELS[value] }));

interface UserFormModalProps {
  /** The user to edit; absent to create one. */
  user?: User;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function UserFormModal({ user, opened, onClose, onSaved }: UserFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={user ? 'Editar usuário' : 'Novo usuário'}>
      {opened && <UserForm user={user} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function UserForm({ user, onSaved, onCancel }: { user?: User; onSaved: () => void; onCancel: () => void }) {
  const me = useUser();
  // The service refuses locking yourself out (own perfil or account): the form does not offer it.
  const self = user?.id === me.id;
  const form = useForm({
    initialValues: {
      nome_completo: user?.nome_completo ?? '',
      email: user?.email ?? '',
      telefone: user?.telefone ?? '',
      perfil: user?.perfil ?? ('OPERADOR' as Perfil),
      status_ativo: user?.status_ativo ?? true,
      password: '',
    },
    validate: {
      nome_completo: required,
      email,
      // A new user needs a password; an existing one keeps theirs (see "Senha").
      password: (value) => (user ? null : password(value)),
    },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const common = {
      nome_completo: values.nome_completo.trim(),
      email: values.email.trim(),
      telefone: values.telefone.trim() || null,
      perfil: values.perfil,
    };
    if (user) {
      await call(usersApi.update, { params: { id: user.id }, body: { ...common, status_ativo: values.status_ativo } });
    } else {
      await call(usersApi.create, { body: { ...common, password: values.password } });
    }
    notifySuccess(user ? 'Usuário atualizado.' : 'Usuário criado.');
    onSaved();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Nome completo" withAsterisk data-autofocus {...form.getInputProps('nome_completo')} />
        <TextInput label="E-mail" type="email" withAsterisk {...form.getInputProps('email')} />
        <TextInput label="Telefone" type="tel" {...form.getInputProps('telefone')} />
        <NativeSelect
          label="Perfil"
          data={PERFIS}
          disabled={self}
          description={self ? 'Você não pode remover o próprio perfil de administrador.' : undefined}
          {...form.getInputProps('perfil')}
        />
        {!user ? (
          <PasswordInput label="Senha" description={PASSWORD_RULE} withAsterisk autoComplete="new-password" {...form.getInputProps('password')} />
        ) : self ? (
          <Text size="sm" c="dimmed">
            Você não pode desativar a própria conta.
          </Text>
        ) : (
          <Switch label="Usuário ativo" {...form.getInputProps('status_ativo', { type: 'checkbox' })} />
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancelar
          </Button>
          <Button type="submit" loading={submitting}>
            Salvar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
