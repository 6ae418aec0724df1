import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferIo } from './cli-io.ts';
import { SEED_DIR } from './demo.command.ts';
import { runCli } from './main.ts';

const seeds = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'].map((f) => join(SEED_DIR, f));

function freshIo() {
  const dir = mkdtempSync(join(tmpdir(), 'misura-cli-'));
  return { dir, io: createBufferIo({ MISURA_DB_URL: join(dir, 'db', 'misura.db') }) };
}

const run = (io: ReturnType<typeof createBufferIo>, ...args: string[]) => runCli(['node', 'misura', ...args], io);

describe('the misura CLI', () => {
  it.each([[], ['import'], ['cards'], ['lint'], ['demo'], ['ingest'], ['measures'], ['report'], ['serve'], ['tokens'], ['targets'], ['sources'], ['backup'], ['restore']])('prints help for %j --help and exits 0', async (...command: string[]) => {
    const { io } = freshIo();
    expect(await run(io, ...command, '--help')).toBe(0);
    expect(io.stdout.join('')).toMatch(/Usage: misura/);
  });

  it('lets the quality office override a comparator, kept across re-imports, and names what it does not know', async () => {
    const { io } = freshIo();
    await run(io, 'import', ...seeds);
    const override = createBufferIo(io.env);
    expect(await run(override, 'targets', 'override', 'centro-di-contatto', 'undated', 'responsabili', '--comparator', '=', '--reason', 'exactly five days, by decree')).toBe(0);
    expect(override.stdout.join('')).toContain('5 giorni is now = 5 days (exactly five days, by decree)');
    await run(createBufferIo(io.env), 'import', ...seeds);
    const listing = createBufferIo(io.env);
    await run(listing, 'cards', '--json', '--service', 'centro-di-contatto');
    const { cards } = JSON.parse(listing.stdout.join('')) as { cards: { indicators: { slug: string; target: { comparator: string; comparatorSource: string } }[] }[] };
    expect(cards[0]?.indicators.find((i) => i.slug === 'responsabili')?.target).toMatchObject({ comparator: '=', comparatorSource: 'override' });
    const unknown = createBufferIo(io.env);
    expect(await run(unknown, 'targets', 'override', 'centro-di-contatto', 'undated', 'nowhere', '--comparator', '<=', '--reason', 'x')).toBe(2);
    expect(unknown.stderr.join('')).toMatch(/nowhere/);
  });

  it('rejects an unknown option with a non-zero exit and says which', async () => {
    const { io } = freshIo();
    expect(await run(io, 'cards', '--colour')).toBe(2);
    expect(io.stderr.join('')).toMatch(/unknown option '--colour'/);
  });

  it('rejects an unknown command', async () => {
    const { io } = freshIo();
    expect(await run(io, 'frobnicate')).toBe(2);
    expect(io.stderr.join('')).toMatch(/unknown command/);
  });

  it('names a missing file and writes nothing', async () => {
    const { io } = freshIo();
    expect(await run(io, 'import', seeds[0]!, '/nowhere/card.txt')).toBe(2);
    expect(io.stderr.join('')).toContain('/nowhere/card.txt: file not found');
    const list = freshIo();
    list.io.env = io.env;
    await run(list.io, 'cards', '--json');
    expect(JSON.parse(list.io.stdout.join(''))).toEqual({ cards: [] });
  });

  it('says a file that is not a card is not one, naming it', async () => {
    const { dir, io } = freshIo();
    const bogus = join(dir, 'shopping.txt');
    writeFileSync(bogus, 'eggs\nmilk\nbread\n');
    expect(await run(io, 'lint', bogus)).toBe(2);
    expect(io.stderr.join('')).toContain('shopping.txt');
  });

  it('rejects a --year that is not a year', async () => {
    const { io } = freshIo();
    expect(await run(io, 'import', '--year', 'soon', seeds[3]!)).toBe(2);
    expect(io.stderr.join('')).toMatch(/--year must be a year/);
  });

  it('imports the four seed cards and lists 47 indicators as JSON with parsed targets', async () => {
    const { io } = freshIo();
    expect(await run(io, 'import', ...seeds)).toBe(0);
    expect(io.stdout.join('\n')).toContain('4 cards, 47 indicators');
    const listing = createBufferIo(io.env);
    expect(await run(listing, 'cards', '--json')).toBe(0);
    const { cards } = JSON.parse(listing.stdout.join('')) as { cards: { service: string; year: number | null; indicators: { dimension: string; formula: string | null; target: { text: string; comparator: string | null; value: number | null; unit: string | null }; additional: boolean }[] }[] };
    expect(cards.map((c) => c.year).sort()).toEqual([2016, 2018, 2021, null].sort());
    expect(cards.flatMap((c) => c.indicators)).toHaveLength(47);
    const all = cards.flatMap((c) => c.indicators);
    const complaints = all.find((i) => i.formula?.startsWith('Numero di segnalazioni ricevute per non conformit'));
    expect(complaints?.target).toMatchObject({ text: '1%', comparator: '<=', value: 1, unit: 'percent' });
    const availability = all.find((i) => i.formula?.startsWith('Numero giornate di accessibilit'));
    expect(availability?.target).toMatchObject({ text: '95%', comparator: '>=', value: 95, unit: 'percent' });
  });

  it('imports the same files twice without duplicating anything', async () => {
    const { io } = freshIo();
    await run(io, 'import', ...seeds);
    const again = createBufferIo(io.env);
    expect(await run(again, 'import', ...seeds)).toBe(0);
    expect(again.stdout.filter((l) => l.startsWith('unchanged'))).toHaveLength(4);
    const listing = createBufferIo(io.env);
    await run(listing, 'cards', '--json');
    expect((JSON.parse(listing.stdout.join('')) as { cards: unknown[] }).cards).toHaveLength(4);
  });

  it('lints the seeds, reporting each quirk with its file and row, and exits 1 on errors', async () => {
    const { io } = freshIo();
    expect(await run(io, 'lint', '--json', ...seeds)).toBe(1);
    const { findings } = JSON.parse(io.stdout.join('')) as { findings: { code: string; file: string; line: number | null }[] };
    const at = (code: string) => findings.filter((f) => f.code === code).map((f) => `${f.file}:${f.line}`);
    expect(at('minimum-wording-maximum-target')).toEqual(['001_26d6f6251607aad7.txt:28']);
    expect(at('unit-mismatch')).toContain('003_c6188123ed35ccee.txt:25');
    expect(at('spelling')).toEqual(expect.arrayContaining(['001_26d6f6251607aad7.txt:20', '002_36860386eee61ce2.txt:24']));
    expect(at('qualitative-target')).toEqual(['001_26d6f6251607aad7.txt:22']);
    expect(at('unknown-year')).toHaveLength(1);
  });

  it('lints two editions of a card by the (&) rule: a lowered target is an error at its row of the later year', async () => {
    const { io } = freshIo();
    const dir = mkdtempSync(join(tmpdir(), 'misura-lint-'));
    const next = join(dir, 'carta-2017.txt');
    const text = readFileSync(seeds[2]!, 'utf8').replace('ANNUALITÀ 2016', 'ANNUALITÀ 2017');
    const lines = text.split('\n');
    lines[17] = lines[17]!.replace('\t95%\t', '\t90%\t');
    writeFileSync(next, lines.join('\n'));
    expect(await run(io, 'lint', '--json', seeds[2]!, next)).toBe(1);
    const { findings } = JSON.parse(io.stdout.join('')) as { findings: { code: string; file: string; line: number | null; message: string }[] };
    expect(findings.filter((f) => f.code === 'worse-than-previous').map((f) => `${f.file}:${f.line}`)).toEqual(['carta-2017.txt:18']);
    expect(findings.find((f) => f.code === 'worse-than-previous')?.message).toContain('"90%", is worse than "95%" of the 2016 card');
  });
});
