import { describe, expect, it } from 'vitest';
import { newCard, newIndicator } from '../../../test/factories.ts';
import { UNSTATED_DIMENSION } from '../../domain/cards/dimension.ts';
import type { Finding } from '../../domain/cards/finding.ts';
import { messagesOf } from '../i18n/locale.ts';
import { AdminCardReviewPage } from './admin-card-review.page.tsx';
import type { PageContext } from './page-context.ts';

const ctx: PageContext = { locale: 'it', messages: messagesOf('it'), path: '/admin/carte/modifica', siteName: 'misura', accessibilityStatementUrl: null, contactEmail: null };

const finding = (field: string | null, line: number | null, message: string): Finding => ({ code: 'test', severity: 'warning', file: 'card.txt', line, field, message });

describe('the card editor page', () => {
  it('shows a finding about a measure beside that indicator\'s measure, one about a row\'s notes beside them, and one about the card notes beside those', async () => {
    const imported = newCard();
    const row = imported.card.indicators[1]?.source.line ?? 0;
    const html = await AdminCardReviewPage({
      ctx,
      csrfToken: 't',
      mode: 'edit',
      cards: [imported],
      findings: [[finding('measure', row, 'la misura non conta le chiamate perse'), finding('notes', row, 'nota della riga da rivedere'), finding('ruleText', null, 'la regola (&) è incompleta')]],
      draft: { service: imported.card.service.slug, edition: '2021', measures: new Map([[2, '# - service: x\n']]) },
    });
    expect(/<textarea[^>]*id="m-2"[^>]*aria-describedby="m-2-help m-2-doubt"/.test(html)).toBe(true);
    expect(html).toMatch(/id="m-2-doubt"[^>]*>Da verificare: la misura non conta le chiamate perse</);
    expect(/<textarea[^>]*id="c0-2-notes"[^>]*aria-describedby="c0-2-notes-doubt"/.test(html)).toBe(true);
    expect(html).toMatch(/id="c0-2-notes-doubt"[^>]*>Da verificare: nota della riga da rivedere</);
    expect(html).toMatch(/id="c0-notes-doubt"[^>]*>Da verificare: la regola \(&amp;\) è incompleta</);
    // Placed beside their fields, not repeated among the card's general findings.
    expect(html).not.toContain('card-findings');
  });

  it('shows the dimension first in each row, an input offering the CIVIT dimensions; an unstated one empty, with its finding beside it', async () => {
    const imported = newCard({
      indicators: [newIndicator({ position: 1, dimension: UNSTATED_DIMENSION.label, dimensionKey: UNSTATED_DIMENSION.key }), newIndicator({ position: 2, dimension: 'Continuità <b>', dimensionKey: 'continuita', additional: true })],
    });
    const line = imported.card.indicators[0]?.source.line ?? 0;
    const html = await AdminCardReviewPage({ ctx, csrfToken: 't', mode: 'edit', cards: [imported], findings: [[finding('dimension', line, 'scegli la dimensione')]] });
    expect(html).toMatch(/<input type="text" class="form-control is-invalid" id="c0-1-dimension" name="c0.1.dimension" aria-describedby="c0-1-dimension-doubt" list="civit-dimensions" value=""\/>/);
    expect(html).toMatch(/id="c0-1-dimension-doubt"[^>]*>Da verificare: scegli la dimensione</);
    expect(html).toMatch(/<input type="text" class="form-control" id="c0-2-dimension" name="c0.2.dimension" list="civit-dimensions" value="Continuità <b>"\/>/);
    // The dimension is the row's first cell, and its legend says when the card states none.
    expect(html.indexOf('id="c0-1-dimension"')).toBeLessThan(html.indexOf('id="c0-1-subdimension"'));
    expect(html).toContain('Riga 1 — <span>dimensione non indicata dalla carta</span>');
    expect(html.match(/<datalist id="civit-dimensions">/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script/);
  });

  it('escapes what the person typed and the reason a measure was refused, an unknown key they wrote included', async () => {
    const imported = newCard();
    const html = await AdminCardReviewPage({
      ctx,
      csrfToken: 't',
      mode: 'edit',
      cards: [imported],
      findings: [[]],
      refused: 'refused',
      draft: {
        service: imported.card.service.slug,
        edition: '2021',
        measures: new Map([[1, '- service: x\n  <b>: </textarea><img src=x>\n']]),
        refusals: new Map([[1, { message: 'unknown field: <i>', field: 'measure.<img src=y>', line: 2 }]]),
      },
    });
    expect(html).not.toMatch(/<img|<b>|<i>/);
    expect(html).toContain('&lt;/textarea>&lt;img src=x>');
    expect(html).toContain('campo «measure.&lt;img src=y>», riga 2');
    expect(html).toContain('una misura non è valida');
  });
});
