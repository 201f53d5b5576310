/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- seed 001 §9.3, copied unchanged below this header (it does not type-check as published).
// src/api/jobs.ts
import { apiClient } from './client';
import type { AutomacaoPayload, JobResponse, JobStatusResponse } from '../types/api';

export const jobsApi = {
  // Criar job para operadora
  createJob: async (operadora: string, payload: AutomacaoPayload): Promise<JobResponse> => {
    const response = await apiClient.post<JobResponse>(`/executar/${operadora}`, payload);
    return response.data;
  },

  // Criar job SAT
  createSatJob: async (payload: AutomacaoPayloadSat): Promise<JobResponse> => {
    const response = await apiClient.post<JobResponse>('/executar/sat', payload);
    return response.data;
  },

  // Consultar status de job
  getJobStatus: async (jobId: string): Promise<JobStatusResponse> => {
    const response = await apiClient.get<JobStatusResponse>(`/status/${jobId}`);
    return response.data;
  },

  // Listar todos os jobs
  listJobs: async (): Promise<{ total_jobs: number; jobs: JobStatusResponse[] }> => {
    const response = await apiClient.get('/jobs');
    return response.data;
  },
};
