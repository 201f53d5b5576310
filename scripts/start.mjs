// `npm start`: builds the console when it has not been built, then runs the service.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('web/dist/index.html') && fs.existsSync('web/vite.config.ts')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const service = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { stdio: 'inherit' });
process.exit(service.status ?? 1);
