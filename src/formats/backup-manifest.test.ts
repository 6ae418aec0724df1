import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBackupManifest, MANIFEST_FORMAT, manifestPathOf, readBackupManifest, sha256OfFile, type BackupManifest } from './backup-manifest.ts';

const manifest: BackupManifest = {
  format: MANIFEST_FORMAT,
  dialect: 'sqlite',
  schemaVersion: '20261127120000_drop_event_content_hash',
  postgresSchema: null,
  file: 'misura.backup',
  bytes: 3,
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  createdAt: '2026-03-10T11:00:00.000Z',
};

describe('backup manifests', () => {
  const folder = mkdtempSync(join(tmpdir(), 'misura-manifest-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (text: string) => {
    const path = join(folder, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, text);
    return path;
  };

  it('reads back what it writes, beside the backup as FILE.json', () => {
    expect(manifestPathOf('/backups/misura.backup')).toBe('/backups/misura.backup.json');
    expect(readBackupManifest(write(formatBackupManifest(manifest)))).toEqual(manifest);
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    ['another format', '{"format": "misura-backup/9"}', /is not a misura backup manifest/],
    ['a short checksum', formatBackupManifest({ ...manifest, sha256: 'abc' }), /field "sha256": must be 64 lower-case hexadecimal digits/],
    ['an unknown dialect', formatBackupManifest({ ...manifest, dialect: 'oracle' as 'sqlite' }), /field "dialect": must be "sqlite" or "postgres", got "oracle"/],
    ['a PostgreSQL backup without its schema', formatBackupManifest({ ...manifest, dialect: 'postgres' }), /field "postgresSchema": must name the schema/],
    ['no schema version', formatBackupManifest({ ...manifest, schemaVersion: '' }), /field "schemaVersion": must be a non-empty string/],
  ])('refuses %s, naming the file and the field', (_case, text, message) => {
    const path = write(text);
    expect(() => readBackupManifest(path)).toThrow(message);
    expect(() => readBackupManifest(path)).toThrow(path);
  });

  it('says a missing manifest is missing', () => {
    expect(() => readBackupManifest(join(folder, 'none.json'))).toThrow(/none\.json: the backup has no manifest beside it/);
  });

  it('hashes a file with SHA-256', async () => {
    expect(await sha256OfFile(write('abc'))).toBe(manifest.sha256);
  });
});
