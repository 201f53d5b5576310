import { Button, Group, Image, Paper, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/errors';
import { call } from '../../api/http';
import { rpaApi } from '../../api/rpa';
import { runAction } from '../../notify';

function fileName(result: string, jobId: string): string {
  const base = result.split(/[\\/]/).pop();
  return base && base.includes('.') ? base : `fatura-${jobId}.pdf`;
}

/** The result needs the Bearer token, so it is fetched and handed to the browser as a blob. */
export function ResultDownload({ jobId, result }: { jobId: string; result: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    await runAction(async () => {
      const blob = await call(rpaApi.result, { params: { job_id: jobId } });
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName(result, jobId) });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }, 'Download iniciado.');
    setBusy(false);
  };
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <div>
          <Text fw={600}>Fatura baixada</Text>
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {result}
          </Text>
        </div>
        <Button onClick={download} loading={busy}>
          Baixar PDF
        </Button>
      </Group>
    </Paper>
  );
}

/** The portal as the robot saw it when it failed; nothing when the service kept no screenshot. */
export function FailureScreenshot({ jobId }: { jobId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let objectUrl: string | null = null;
    const controller = new AbortController();
    call(rpaApi.screenshot, { params: { job_id: jobId }, signal: controller.signal })
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted || (caught instanceof ApiError && caught.status === 404)) return;
        setError(caught instanceof ApiError ? caught.message : 'Não foi possível carregar a captura de tela.');
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [jobId]);

  if (!url && !error) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Captura de tela da falha
      </Title>
      {url ? (
        <Image src={url} alt="Captura de tela do portal no momento da falha" radius="sm" fit="contain" mah={360} w="auto" maw="100%" style={{ border: "1px solid var(--mantine-color-default-border)" }} />
      ) : (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
    </Paper>
  );
}
