// `npm test`'s pretest: makes sure what the tests need is on the machine, installing it only when missing.
// Chromium comes from Debian's packages (never a browser download); PostgreSQL 15 is expected on the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? [] : has('sudo') ? ['sudo'] : null;

function aptInstall(packages) {
  if (sudo === null) {
    console.error(`pretest: ${packages.join(', ')} missing and no root or sudo to install them; install them by hand.`);
    process.exit(1);
  }
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages]);
}

const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
const pgFound = has('initdb') || ['17', '16', '15'].some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (!pgFound) missing.push('postgresql');
if (missing.length > 0) {
  console.log(`pretest: installing ${missing.join(', ')} from Debian's packages`);
  aptInstall(missing);
}
