import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { UserError } from '../domain/shared/errors.ts';
import { makeKumaFolder, writeKumaBackup, writeKumaDatabase } from '../formats/uptime-kuma.test-kit.ts';
import { readAuditPage } from '../storage/repositories/audit-log.repository.ts';
import { T0 } from './events.test-kit.ts';
import { importKumaProbes } from './import-probes.action.ts';
import { addProbe, listProbes } from './probe-registry.action.ts';

const IMPORTED = ['dns-www', 'pec', 'portale-istituzionale', 'portale-parola-chiave', 'portale-parola-chiave-2'];

describeEachDialect('importing probes from Uptime Kuma', (ctx) => {
  it('adds every monitor misura can run as a probe, paused ones paused, each audited with the monitor it came from', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    const result = await importKumaProbes(deps, writeKumaDatabase(makeKumaFolder()), {}, { kind: 'cli', name: 'anna' });
    expect(result).toMatchObject({ file: 'kuma.db', format: 'sqlite', dryRun: false });
    expect(result.added.map(({ probe }) => probe.name)).toEqual(IMPORTED.slice(2, 5).concat(['pec', 'dns-www']));
    expect(result.skipped.map((skip) => skip.monitor)).toEqual(['Gateway', 'Sito dietro gruppo', 'Push backup', 'API stato']);

    const probes = await listProbes(deps);
    expect(probes.map(({ name, kind, target, paused }) => [name, kind, target, paused])).toEqual([
      ['dns-www', 'dns', 'www.comune.example.it', false],
      ['pec', 'tcp', 'pec.comune.example.it:465', true],
      ['portale-istituzionale', 'http', 'https://www.comune.example.it/', false],
      ['portale-parola-chiave', 'http', 'https://www.comune.example.it/', false],
      ['portale-parola-chiave-2', 'http', 'https://www.comune.example.it/servizi', false],
    ]);
    expect(probes.find((probe) => probe.name === 'portale-parola-chiave-2')?.expect).toMatchObject({ statusMin: 200, statusMax: 399, keyword: null, keywordAbsent: 'Servizio non disponibile' });

    const audit = (await readAuditPage(database.db, 0, 100, {})).filter((record) => record.entityType === 'probe');
    expect(audit.map((record) => [record.action, record.entityKey, record.actor])).toEqual(result.added.map(({ probe }) => ['probe.import', probe.name, 'cli:anna']));
    expect(JSON.parse(audit.find((record) => record.entityKey === 'pec')?.afterJson ?? 'null')).toMatchObject({
      name: 'pec',
      paused: true,
      importedFrom: { source: 'uptime-kuma', file: 'kuma.db', format: 'sqlite', monitor: 'PEC', monitorId: 4 },
    });
  });

  it('writes nothing in a dry run, and says what it would add and skip', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    const result = await importKumaProbes(deps, writeKumaBackup(makeKumaFolder()), { dryRun: true });
    expect(result).toMatchObject({ format: 'json-backup', version: '1.21.3', dryRun: true });
    expect(result.added.map(({ probe }) => probe.name).sort()).toEqual(IMPORTED);
    expect(result.skipped).toHaveLength(4);
    expect(await listProbes(deps)).toEqual([]);
    expect(await readAuditPage(database.db, 0, 100, {})).toEqual([]);
  });

  it('refuses a second import as a whole, and with --skip-existing adds only the new monitors', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    const folder = makeKumaFolder();
    const path = writeKumaDatabase(folder);
    await importKumaProbes(deps, path);
    const auditAfterFirst = (await readAuditPage(database.db, 0, 100, {})).length;

    // Kuma gained a monitor since: the refusal still adds nothing, not even the new one.
    const grown = writeKumaDatabase(folder, [{ id: 20, name: 'Albo pretorio', type: 'http', url: 'https://albo.comune.example.it/' }, { id: 21, name: 'PEC', type: 'port', hostname: 'pec.comune.example.it', port: 465 }], 'kuma-2.db');
    const refused = await importKumaProbes(deps, grown).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as Error).message).toMatch(/kuma-2\.db: a probe named "pec" \(Kuma monitor "PEC"\) exists already: nothing was imported; add --skip-existing/);
    expect((await listProbes(deps)).map((probe) => probe.name)).toEqual(IMPORTED);
    expect(await readAuditPage(database.db, 0, 100, {})).toHaveLength(auditAfterFirst);
    await expect(importKumaProbes(deps, path, { dryRun: true })).rejects.toThrow(/probes named "portale-istituzionale" .* exist already/);

    const again = await importKumaProbes(deps, grown, { skipExisting: true });
    expect(again.added.map(({ probe }) => probe.name)).toEqual(['albo-pretorio']);
    expect(again.skipped.map(({ monitor, reason }) => [monitor, reason])).toEqual([['PEC', 'a probe named "pec" exists already']]);
    expect((await listProbes(deps)).map((probe) => probe.name)).toEqual(['albo-pretorio', ...IMPORTED]);
  });

  it('keeps probes added by hand apart from a refused import', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    await addProbe(deps, { name: 'dns-www', kind: 'dns', target: 'www.comune.example.it' });
    await expect(importKumaProbes(deps, writeKumaDatabase(makeKumaFolder()))).rejects.toThrow(/a probe named "dns-www"/);
    expect((await listProbes(deps)).map((probe) => probe.name)).toEqual(['dns-www']);
  });

  it('stops at a corrupt file before touching the database', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    const path = join(makeKumaFolder(), 'backup.json');
    writeFileSync(path, '{"version":"1.21.3","monitorList":[{"name":"x","type":"http","port":"465a"}]}');
    await expect(importKumaProbes(deps, path)).rejects.toThrow(/backup\.json: monitorList\[0\]\.port is not a number: "465a"/);
    expect(await listProbes(deps)).toEqual([]);
  });
});
