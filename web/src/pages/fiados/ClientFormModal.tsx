import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Client, ClientInput } from '../../api/fiados';
import { fiadosApi } from '../../api/fiados';
import { call } from '../../api/http';
import { FormError } from '../../components/FormError';
import { useApiSubmit } from '../../hooks/useApiSubmit';
import { notifySuccess } from '../../notify';
import { optionalEmail, required } from '../../validation';

interface ClientFormModalProps {
  /** The client to edit; absent to create one. */
  client?: Client;
  opened: boolean;
  onClose: () => void;
  onSaved: (client: Client) => void;
}

const orNull = (value: string) => value.trim() || null;

export function ClientFormModal({ client, opened, onClose, onSaved }: ClientFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={client ? 'Editar cliente' : 'Novo cliente'}>
      {opened && <ClientForm client={client} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function ClientForm({ client, onSaved, onCancel }: { client?: Client; onSaved: (client: Client) => void; onCancel: () => void }) {
  const form = useForm({
    initialValues: {
      name: client?.name ?? '',
      nickname: client?.nickname ?? '',
      phone: client?.phone ?? '',
      email: client?.email ?? '',
    },
    validate: { name: required, email: optionalEmail },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, async (values) => {
    const body: ClientInput = {
      name: values.name.trim(),
      nickname: orNull(values.nickname),
      phone: orNull(values.phone),
      email: orNull(values.email),
    };
    const reply = client
      ? await call(fiadosApi.updateClient, { params: { client_id: client.id }, body })
      : await call(fiadosApi.createClient, { body });
    notifySuccess(client ? 'Cliente atualizado.' : 'Cliente criado.');
    onSaved(reply.client);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label="Nome" withAsterisk data-autofocus {...form.getInputProps('name')} />
        <TextInput label="Apelido" {...form.getInputProps('nickname')} />
        <TextInput label="Telefone" type="tel" {...form.getInputProps('phone')} />
        <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
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
