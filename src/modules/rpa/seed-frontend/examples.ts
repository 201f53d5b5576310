/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- seed 001 §10.1 and §10.2, copied unchanged below this header (it does not type-check as published).
import { jobsApi } from './api/jobs';

// Criar job
const createAndMonitorJob = async () => {
  try {
    // 1. Criar job
    const jobResponse = await jobsApi.createJob('OI', {
      login: 'usuario@empresa.com.br',
      senha: 'senha123',
      filtro: '12345678',
      cnpj: '12.345.678/0001-90',
      processo_id: 'b4148f5f-e820-408a-b623-8f1ba3fd2578', // Opcional
    });

    console.log('Job criado:', jobResponse.job_id);

    // 2. Monitorar status (polling)
    const pollStatus = async () => {
      const status = await jobsApi.getJobStatus(jobResponse.job_id);
      
      console.log(`Status: ${status.status}, Progresso: ${status.progress}%`);

      if (status.status === 'COMPLETED') {
        console.log('Job concluído! Resultado:', status.result);
        return;
      }

      if (status.status === 'FAILED') {
        console.error('Job falhou:', status.error);
        return;
      }

      // Continuar polling
      setTimeout(pollStatus, 5000);
    };

    // Iniciar polling após 2 segundos
    setTimeout(pollStatus, 2000);
  } catch (error) {
    console.error('Erro ao criar job:', error);
  }
};

const monitorJobWithWebSocket = (jobId: string) => {
  const ws = new WebSocket('ws://localhost:8000/ws/notifications');

  ws.onopen = () => {
    ws.send(JSON.stringify({
      action: 'subscribe',
      job_id: jobId,
    }));
  };

  ws.onmessage = (event) => {
    const data = JSON.parse(event.data);

    switch (data.type) {
      case 'job_update':
        console.log('Atualização:', data.data);
        // Atualizar UI com status e progresso
        updateUI(data.data);
        break;

      case 'log':
        console.log(`[${data.level}] ${data.message}`);
        // Adicionar log à interface
        addLog(data);
        break;

      default:
        console.log('Mensagem desconhecida:', data);
    }
  };

  ws.onerror = (error) => {
    console.error('Erro WebSocket:', error);
  };

  ws.onclose = () => {
    console.log('Conexão fechada. Tentando reconectar...');
    // Implementar reconexão
    setTimeout(() => monitorJobWithWebSocket(jobId), 5000);
  };
};

export { createAndMonitorJob, monitorJobWithWebSocket };
