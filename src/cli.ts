import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './core/config/config.js';
import { createLogger } from './core/logger.js';
import { AppError } from './core/http/errors.js';
import { createRuntime, openAndMigrate } from './runtime.js';
import { runFiscalCli } from './modules/fiscal/cli.js';

const HELP: Record<string, string> = {
  main: `Uso: retaguarda <comando> [opções]

Comandos:
  serve                         inicia o serviço (o mesmo que npm start)
  migrate                       aplica as migrações pendentes
  user create|list|set-password|deactivate
  token issue|list|revoke       tokens de serviço para clientes máquina
  fiscal hooks|homologate|simulate-webhook   FocusNFE (retaguarda fiscal --help)

Use 'retaguarda <comando> --help' para as opções de cada um.`,
  serve: 'Uso: retaguarda serve\n  Inicia o serviço com a configuração do ambiente (.env lido se existir).',
  migrate: 'Uso: retaguarda migrate\n  Aplica as migrações de core e dos módulos habilitados (MODULES).',
  user: `Uso:
  retaguarda user create --email E --nome "Nome" --perfil ADMINISTRADOR|APROVADOR|OPERADOR --password S [--telefone T]
  retaguarda user list
  retaguarda user set-password --email E --password S
  retaguarda user deactivate --email E`,
  token: `Uso:
  retaguarda token issue --user EMAIL [--days 365] [--name NOME]   imprime o token uma única vez
  retaguarda token list
  retaguarda token revoke ID`,
};

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  email: { type: 'string' },
  nome: { type: 'string' },
  perfil: { type: 'string' },
  password: { type: 'string' },
  telefone: { type: 'string' },
  user: { type: 'string' },
  days: { type: 'string' },
  name: { type: 'string' },
} as const;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`falta a opção --${flag}`);
  return value;
}

async function run(argv: string[]): Promise<void> {
  // The fiscal commands take their own options.
  if (argv[0] === 'fiscal') return runFiscalCli(argv.slice(1));
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, sub, arg] = positionals;
  if (!command || (values.help && !HELP[command])) return void console.log(HELP.main);
  if (!HELP[command]) throw new UsageError(`comando desconhecido '${command}'. Veja 'retaguarda --help'.`);
  if (values.help) return void console.log(HELP[command]);

  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (command === 'serve') {
    await import('./main.js');
    return;
  }
  if (command === 'migrate') {
    const database = await openAndMigrate(config);
    await database.close();
    return void console.log('Migrações aplicadas.');
  }

  const runtime = await createRuntime(config, createLogger('silent'));
  const { users, auth } = runtime.services;
  try {
    const key = `${command} ${sub ?? ''}`.trim();
    switch (key) {
      case 'user create': {
        const perfil = required(values.perfil, 'perfil');
        if (!['ADMINISTRADOR', 'APROVADOR', 'OPERADOR'].includes(perfil)) throw new UsageError(`perfil inválido '${perfil}'`);
        const user = await users.create({
          email: required(values.email, 'email'),
          nome_completo: required(values.nome, 'nome'),
          perfil: perfil as 'ADMINISTRADOR',
          password: required(values.password, 'password'),
          telefone: values.telefone ?? null,
        });
        return void console.log(`Usuário criado: ${user.email} (${user.perfil}) id=${user.id}`);
      }
      case 'user list': {
        const { results } = await users.list(1, 100);
        for (const u of results) console.log(`${u.id}  ${u.email}  ${u.perfil}  ${u.status_ativo ? 'ativo' : 'inativo'}`);
        return;
      }
      case 'user set-password':
      case 'user deactivate': {
        const row = await users.findRowByEmail(required(values.email, 'email'));
        if (!row) throw new UsageError(`usuário '${values.email}' não encontrado`);
        if (sub === 'deactivate') await users.deactivate(row.id);
        else await users.update(row.id, { password: required(values.password, 'password') });
        return void console.log(sub === 'deactivate' ? 'Usuário desativado.' : 'Senha alterada.');
      }
      case 'token issue': {
        const days = Number(values.days ?? '365');
        if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError('--days deve ser um inteiro entre 1 e 3650');
        const issued = await auth.issueServiceToken(required(values.user, 'user'), values.name ?? 'servico', days);
        console.log(`id: ${issued.id}\nexpira em: ${new Date(issued.expires_at).toISOString()}\n\n${issued.token}`);
        return;
      }
      case 'token list': {
        for (const t of await auth.listServiceTokens()) {
          const state = t.revoked_at ? 'revogado' : Number(t.expires_at) < Date.now() ? 'expirado' : 'ativo';
          console.log(`${t.id}  ${t.name}  ${t.email}  expira ${new Date(Number(t.expires_at)).toISOString()}  ${state}`);
        }
        return;
      }
      case 'token revoke': {
        if (!(await auth.revokeServiceToken(required(arg, 'ID (posicional)')))) throw new UsageError(`token '${arg}' não encontrado ou já revogado`);
        return void console.log('Token revogado.');
      }
      default:
        throw new UsageError(`subcomando desconhecido '${key}'. Veja 'retaguarda ${command} --help'.`);
    }
  } finally {
    await runtime.close();
  }
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof AppError;
  const message = error instanceof Error && (known || (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') ? error.message : String(error);
  console.error(`retaguarda: ${message}`);
  process.exit(1);
}
