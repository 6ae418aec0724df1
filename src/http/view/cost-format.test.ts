import { describe, expect, it } from 'vitest';
import { formatChange, formatEuroCents, formatEuroWhole } from './cost-format.ts';

describe('cost formatting', () => {
  it('writes euro in each language’s style', () => {
    expect(formatEuroCents('it', 125_000_050).replace(/\s/g, ' ')).toBe('1.250.000,50 €');
    expect(formatEuroCents('en', 125_000_050)).toBe('€1,250,000.50');
    expect(formatEuroWhole('it', 1_250_000).replace(/\s/g, ' ')).toBe('1.250.000 €');
  });

  it('signs a change and says none with a dash', () => {
    expect(formatChange('it', 0.12)).toBe('+12,0%');
    expect(formatChange('en', -0.05)).toBe('-5.0%');
    expect(formatChange('it', null)).toBe('—');
  });
});
