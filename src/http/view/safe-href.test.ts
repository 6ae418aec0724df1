import { describe, expect, it } from 'vitest';
import { channelHref, safeHref } from './safe-href.ts';

describe('safeHref', () => {
  it.each<[string | null, string | null]>([
    ['https://www.lavoro.gov.it/x?a=1', 'https://www.lavoro.gov.it/x?a=1'],
    ['  http://servizi.lavoro.gov.it ', 'http://servizi.lavoro.gov.it'],
    ['mailto:urp@lavoro.gov.it', 'mailto:urp@lavoro.gov.it'],
    ['tel:800000000', 'tel:800000000'],
    ['javascript:alert(1)', null],
    ['JavaScript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['//evil.example', null],
    ['https://x.it/"onclick="y', null],
    ['servizi.lavoro.gov.it', null],
    [null, null],
  ])('keeps %j as %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });
});

describe('channelHref', () => {
  it.each<[string | null, string | null]>([
    ['https://servizi.lavoro.gov.it', 'https://servizi.lavoro.gov.it'],
    ['urp@lavoro.gov.it', 'mailto:urp@lavoro.gov.it'],
    ['800 000 000', 'tel:800000000'],
    ['+39 06.1234-5678', 'tel:+390612345678'],
    ['www.lavoro.gov.it', 'https://www.lavoro.gov.it'],
    ['Via Veneto 56, Roma', null],
    ['javascript:alert(1)', null],
    [null, null],
  ])('links %j as %j', (address, expected) => {
    expect(channelHref(address)).toBe(expected);
  });
});
