import { rdVariance } from './rd-variance';

/**
 * Two departments, three lines, and their spends counted by hand (amounts in fen):
 *   sd/agent  budget 100,000 + 100,000 + 50,000 + 50,000 = 300,000; spent Q1 40,000 + 30,000 (2 spends), Q2 120,000 (1) = 190,000
 *   sd/lab    budget 0 + 200,000 + 0 + 0 = 200,000;                 spent Q2 150,000 (1), Q3 50,000 (1) = 200,000
 *   ts/probe  budget 25,000 each quarter = 100,000;                 spent nothing
 */
describe('R&D variance (R-1.3)', () => {
  const lines = [
    { planId: 'p-1', lineId: 'agent', title: 'Diagnostics agent', departmentId: 'software-development', projectId: 'remote', budget: [100_000, 100_000, 50_000, 50_000] as [number, number, number, number] },
    { planId: 'p-1', lineId: 'lab', title: 'Test lab', departmentId: 'software-development', projectId: 'remote', budget: [0, 200_000, 0, 0] as [number, number, number, number] },
    { planId: 'p-2', lineId: 'probe', title: 'Field probe', departmentId: 'tech-support', projectId: 'probe', budget: [25_000, 25_000, 25_000, 25_000] as [number, number, number, number] },
  ];
  const totals = [
    { planId: 'p-1', lineId: 'agent', quarter: 1, amount: 70_000, spends: 2 },
    { planId: 'p-1', lineId: 'agent', quarter: 2, amount: 120_000, spends: 1 },
    { planId: 'p-1', lineId: 'lab', quarter: 2, amount: 150_000, spends: 1 },
    { planId: 'p-1', lineId: 'lab', quarter: 3, amount: 50_000, spends: 1 },
  ];
  const report = rdVariance(lines, totals);

  it('gives each line its budget, spending and variance per quarter and for the year', () => {
    expect(report.lines[0]).toMatchObject({
      lineId: 'agent',
      budget: 300_000,
      spent: 190_000,
      variance: 110_000,
      spends: 3,
      quarters: [
        { quarter: 1, budget: 100_000, spent: 70_000, variance: 30_000, spends: 2 },
        { quarter: 2, budget: 100_000, spent: 120_000, variance: -20_000, spends: 1 },
        { quarter: 3, budget: 50_000, spent: 0, variance: 50_000, spends: 0 },
        { quarter: 4, budget: 50_000, spent: 0, variance: 50_000, spends: 0 },
      ],
    });
    expect(report.lines[1]).toMatchObject({ lineId: 'lab', budget: 200_000, spent: 200_000, variance: 0, spends: 2 });
    expect(report.lines[2]).toMatchObject({ lineId: 'probe', budget: 100_000, spent: 0, variance: 100_000, spends: 0 });
  });

  it('adds the lines up per department, per quarter and for the year', () => {
    expect(report.departments).toEqual([
      expect.objectContaining({ departmentId: 'software-development', budget: 500_000, spent: 390_000, variance: 110_000, spends: 5 }),
      expect.objectContaining({ departmentId: 'tech-support', budget: 100_000, spent: 0, variance: 100_000, spends: 0 }),
    ]);
    expect(report.departments[0].quarters.map((q) => q.variance)).toEqual([30_000, 30_000, 0, 50_000]);
    expect(report.quarters).toEqual([
      { quarter: 1, budget: 125_000, spent: 70_000, variance: 55_000, spends: 2 },
      { quarter: 2, budget: 325_000, spent: 270_000, variance: 55_000, spends: 2 },
      { quarter: 3, budget: 75_000, spent: 50_000, variance: 25_000, spends: 1 },
      { quarter: 4, budget: 75_000, spent: 0, variance: 75_000, spends: 0 },
    ]);
    expect(report.year).toEqual({ budget: 600_000, spent: 390_000, variance: 210_000, spends: 5 });
  });
});
