import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { Navigate, useSearchParams } from 'react-router-dom';
import { session } from '../auth/session';
import { useSession } from '../auth/useSession';
import { FormError } from '../components/FormError';
import { FullPageLoader } from '../components/FullPageLoader';
import { useApiSubmit } from '../hooks/useApiSubmit';
import { email } from '../validation';

/** Only paths inside the console, so `?next=` cannot send anyone to another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const state = useSession();
  useDocumentTitle('Entrar · Retaguarda');
  const [params] = useSearchParams();
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: { username: email, password: (value) => (value ? null : 'Informe a senha.') },
  });
  const { onSubmit, submitting, error } = useApiSubmit(form, (values) =>
    session.login({ username: values.username.trim(), password: values.password }),
  );

  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'authenticated') return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <Center mih="100dvh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Title order={1} size="h2">
          Retaguarda
        </Title>
        <Text c="dimmed" mb="lg">
          Entre com seu e-mail e senha.
        </Text>
        {state.expired && (
          <Alert color="yellow" role="status" mb="md">
            Sua sessão expirou. Entre novamente.
          </Alert>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput label="E-mail" type="email" autoComplete="username" autoFocus {...form.getInputProps('username')} />
            <PasswordInput label="Senha" autoComplete="current-password" {...form.getInputProps('password')} />
            <FormError message={error} />
            <Button type="submit" loading={submitting}>
              Entrar
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
