import { describe, expect, it } from 'vitest';
import { columnYear, matchColumnLabel, matchYearColumn } from './card-text-labels.ts';

describe('value columns that name a year', () => {
  it('reads the year of a column named by a year alone or with a word for a value', () => {
    expect(['2022', '2022 value', 'Valore 2019', 'Target 2023', 'Standard 2024', 'Valore anno 2021', 'Values 2020'].map(matchYearColumn)).toEqual([2022, 2022, 2019, 2023, 2024, 2021, 2020]);
  });

  it('does not take a column of other words that holds a year for a value column', () => {
    expect(['Indicatori 2022', 'Risultati raggiunti anno precedente', 'Anno 2021 e 2022', 'Valore', '22 value'].map(matchYearColumn)).toEqual([null, null, null, null, null]);
  });

  it('still reads "Valore programmato 2021" and "Target 2023" as the valore programmato, whose year columnYear gives', () => {
    expect(matchColumnLabel('Valore programmato 2021')).toBe('target');
    expect(matchColumnLabel('Target 2023')).toBe('target');
    expect(columnYear('Valore programmato 2021')).toBe(2021);
    expect(columnYear('Valore programmato')).toBeNull();
  });

  it('reads "Valore garantito", as the Comune di Genova writes its standards, as the valore programmato', () => {
    expect(matchColumnLabel('Valore garantito')).toBe('target');
  });

  it('reads the English and Italian "quality parameters" as the dimension column and "Indicators" as the description', () => {
    expect(matchColumnLabel('Quality parameters')).toBe('dimension');
    expect(matchColumnLabel('Parametri di qualità')).toBe('dimension');
    expect(matchColumnLabel('Indicators')).toBe('description');
  });

  it('reads ATS Milano\'s labels "DIMENSIONE DELLA QUALITÀ" and "STANDARD DI QUALITÀ" as the dimension and the valore programmato', () => {
    expect(matchColumnLabel('DIMENSIONE DELLA QUALITÀ')).toBe('dimension');
    expect(matchColumnLabel('STANDARD DI QUALITÀ')).toBe('target');
  });
});
