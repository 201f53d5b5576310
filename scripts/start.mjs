// `npm start`: builds the console when it has not been built, then runs the service.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('web/dist/index.html') && fs.existsSync('web/vite.config.ts')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { stdio: 'inherit' });
// A SIGTERM sent to this process only (a supervisor, `kill`) must reach the service, which then
// drains its requests and writes the log lines it still holds before leaving.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => service.kill(signal));
service.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
