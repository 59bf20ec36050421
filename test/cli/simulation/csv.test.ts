import { describe, expect, it } from 'vitest';
import { csvCell, pathSegment, seedCsvFiles } from '../../../src/cli/simulation/csv.js';
import { formatSeconds } from '../../../src/cli/simulation/progress.js';
import { seedResult } from '../../sim/seedResults.js';

describe('CSV helpers', () => {
  it('quotes cells per RFC 4180 and leaves null empty', () => {
    expect([csvCell(1.5), csvCell(null), csvCell('a,b'), csvCell('say "hi"'), csvCell('x\ny')]).toEqual(['1.5', '', '"a,b"', '"say ""hi"""', '"x\ny"']);
  });

  it('makes names safe path segments', () => {
    expect([pathSegment('spot-80'), pathSegment('80% Spot'), pathSegment('..'), pathSegment('')]).toEqual(['spot-80', '80__Spot', '_..', '_']);
  });

  it('writes one row per period with the period start time, empty cells for missing datapoints', () => {
    const seed = seedResult('base', 7, { 'prod/web': { running: [0, 2] } });
    const files = seedCsvFiles(seed);
    expect(files.map((f) => f.path)).toEqual(['base/seed-7/service-prod.web.csv', 'base/seed-7/account.csv', 'base/seed-7/subnets.csv']);
    expect(files[0]!.text.split('\n')).toEqual([
      'time,period,RunningTaskCount,DesiredTaskCount,PendingTaskCount,CPUUtilization,MemoryUtilization,OfferedRequests,ServedRequests,DroppedRequests,CostUsd',
      '2024-01-01T00:00:00.000Z,0,0,2,0,,,0,0,0,0',
      '2024-01-01T00:01:00.000Z,1,2,2,0,50,30,0,0,0,0',
      '',
    ]);
    expect(files[2]!.text).toBe('time,period,subnet-a\n2024-01-01T00:00:00.000Z,0,250\n2024-01-01T00:01:00.000Z,1,250\n');
  });
});

describe('formatSeconds', () => {
  it('prints hours and minutes, minutes and seconds, or seconds', () => {
    expect([formatSeconds(3725), formatSeconds(185), formatSeconds(12.4), formatSeconds(Number.NaN)]).toEqual(['1h02m', '3m05s', '12s', '?']);
  });
});
