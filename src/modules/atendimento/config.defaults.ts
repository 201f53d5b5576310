import { DAYS } from './config.schemas.js';

const weekday = { inicio: '08:00', fim: '18:00' };
const closed = { inicio: null, fim: null };

/** Seed 002's `core/defaults.py`: what a section holds before anyone sets it. */
export const DEFAULTS: Record<string, Record<string, unknown>> = {
  company_data: {
    razao_social: '', nome_fantasia: '', cnpj: '', inscricao_estadual: '', inscricao_municipal: '', regime_tributario: '1',
    cnae_principal: '', telefone: '', email: '', site: '',
    endereco: { cep: '01234567', logradouro: '', numero: '', complemento: '', bairro: '', cidade: '', uf: 'SP' },
  },
  chat_settings: {
    mensagem_saudacao: 'Olá! Como podemos ajudar?',
    mensagem_fora_expediente: 'Estamos fora do horário de atendimento.',
    mensagem_encerramento: 'Obrigado pelo contato!',
    mensagem_inatividade: 'Estamos encerrando por inatividade.',
    timeout_inatividade_minutos: 15,
    limite_chats_simultaneos: 5,
    horario_funcionamento: Object.fromEntries(DAYS.map((day) => [day, day === 'sabado' || day === 'domingo' ? closed : weekday])),
  },
  email_settings: { smtp_host: '', smtp_port: 587, smtp_usuario: '', smtp_senha: '', smtp_ssl: true, email_from: '' },
  appearance_settings: { login_logo_url: '', favicon_url: '', primary_color: '#0ea5e9', secondary_color: '#111827', custom_css: '' },
  whatsapp_settings: {
    enabled: false, device_name: 'DXConnect', stealth_mode: true, human_delays: true, reconnect_backoff_seconds: 5,
    session_data: '', proxy_url: '', phone_number_id: '', business_account_id: '', api_version: 'v23.0',
    access_token: '', app_secret: '', verify_token: '',
  },
};
